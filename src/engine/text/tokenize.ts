import { foldKana } from './normalize';

/**
 * Splits folded text into matching units. Latin-script words are kept whole; Japanese,
 * which has no spaces, is cut into words with Intl.Segmenter and, because ICU segments
 * kana-only text poorly, also into character bigrams within each content chunk.
 */

const CJK_CHAR = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}々〆ヶ]`;
const CJK_RUN = new RegExp(`${CJK_CHAR}+`, 'u');
/** A letter or digit of a non-CJK word, so "interpreterいますか" is a Latin word and a Japanese chunk. */
const WORD_CHAR = String.raw`(?:(?!${CJK_CHAR})[\p{L}\p{N}])`;
const TOKEN = new RegExp(`${CJK_CHAR}+|${WORD_CHAR}+(?:['’-]${WORD_CHAR}+)*`, 'gu');

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

/** A piece of the text: a Latin word, or a CJK chunk with its words and bigrams. */
export type Piece = { kind: 'word'; text: string } | { kind: 'cjk'; text: string; words: string[] };

/** True when the string is written in Japanese scripts. */
export function isCjk(text: string): boolean {
  return CJK_RUN.test(text);
}

/** Character bigrams of a string (the string itself when shorter than two characters). */
export function bigrams(text: string): string[] {
  const chars = [...text];
  if (chars.length < 2) return chars.length ? [text] : [];
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/**
 * Cuts a CJK run into content chunks, dropping stop-word segments (particles, です, ます…).
 * @example splitCjk('調印式はいつですか', stop) → [{ text: '調印式', words: ['調印', '式'] }, { text: 'いつ', … }]
 */
export function splitCjk(run: string, stopwords: ReadonlySet<string>): Piece[] {
  const pieces: Piece[] = [];
  let chunk = '';
  let words: string[] = [];
  const flush = (): void => {
    const text = trimStopSuffixes(chunk, stopwords);
    if (text) pieces.push({ kind: 'cjk', text, words });
    chunk = '';
    words = [];
  };
  for (const { segment } of segmenter.segment(run)) {
    const word = foldKana(segment);
    if (!word) continue;
    if (stopwords.has(word)) {
      flush();
      continue;
    }
    chunk += word;
    words.push(word);
  }
  flush();
  return pieces;
}

/** Drops stop words that ICU splits into several segments (ですか → です/か) from a chunk's end. */
function trimStopSuffixes(chunk: string, stopwords: ReadonlySet<string>): string {
  let out = chunk;
  for (let changed = true; changed;) {
    changed = false;
    for (const stop of stopwords) {
      if (stop.length >= 2 && out.length > stop.length && out.endsWith(stop) && isCjk(stop)) {
        out = out.slice(0, -stop.length);
        changed = true;
      }
    }
  }
  return out;
}

/** Splits text (folded but for kana, see foldKeepingKana) into Latin words and CJK chunks; stop words are dropped. */
export function tokenize(folded: string, stopwords: ReadonlySet<string>): Piece[] {
  const pieces: Piece[] = [];
  for (const match of folded.matchAll(TOKEN)) {
    const text = match[0];
    if (isCjk(text)) pieces.push(...splitCjk(text, stopwords));
    else if (!stopwords.has(text)) pieces.push({ kind: 'word', text });
  }
  return pieces;
}
