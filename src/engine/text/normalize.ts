/**
 * Folding for matching only: answers keep their diacritics, but residents often
 * type without them, in full-width forms, or in katakana where we stored hiragana.
 */

const KATAKANA_START = 0x30a1;
const KATAKANA_END = 0x30f6;
const KANA_OFFSET = 0x60;
const LONG_VOWEL_MARKS = /[ー〜～]/g;
/** Phones type ’ for ' ("I’m", "city’s"); the knowledge base writes '. */
const TYPOGRAPHIC_APOSTROPHES = /[’‘ʼ]/g;

/** Converts katakana to hiragana so that ハローワーク and はろーわーく fold together. */
export function katakanaToHiragana(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out +=
      code >= KATAKANA_START && code <= KATAKANA_END
        ? String.fromCodePoint(code - KANA_OFFSET)
        : ch;
  }
  return out;
}

/** Converts hiragana to katakana (the inverse of katakanaToHiragana), for phrase variants. */
export function hiraganaToKatakana(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out +=
      code >= KATAKANA_START - KANA_OFFSET && code <= KATAKANA_END - KANA_OFFSET
        ? String.fromCodePoint(code + KANA_OFFSET)
        : ch;
  }
  return out;
}

/** Folds one Japanese word for matching: katakana → hiragana, long vowel marks dropped. */
export function foldKana(text: string): string {
  return katakanaToHiragana(text).replace(LONG_VOWEL_MARKS, '');
}

/** Strips combining marks that follow a Latin letter (accents, Vietnamese tones), keeping kana voicing marks. */
export function stripLatinDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/([a-z])[\u0300-\u036f]+/g, '$1')
    .normalize('NFC')
    .replace(/đ/g, 'd');
}

/** Removes invisible and control characters (zero-width, bidi, C0/C1) that users paste without meaning to. */
export function removeInvisibles(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}]/gu, ' ');
}

/**
 * The folded form used for every comparison: NFKC, lower case, katakana → hiragana,
 * Latin diacritics stripped, đ → d, long vowel marks dropped (はろーわーく and はろわく are
 * typed for the same word), typographic apostrophes made plain, whitespace collapsed.
 * @example fold('Lễ KÝ kết') === 'le ky ket'
 */
export function fold(text: string): string {
  return foldKana(foldKeepingKana(text));
}

/**
 * Everything fold does except the kana folding, for text that is still to be segmented:
 * ICU segments katakana loanwords well and their hiragana spelling badly (パート → ぱ/ー/と).
 */
export function foldKeepingKana(text: string): string {
  const nfkc = removeInvisibles(text).normalize('NFKC').toLowerCase();
  return stripLatinDiacritics(nfkc)
    .replace(TYPOGRAPHIC_APOSTROPHES, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
