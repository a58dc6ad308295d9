import { foldKana } from './normalize';

/**
 * Splits folded text into matching units. Latin-script words are kept whole; Japanese,
 * which has no spaces, is cut into words with Intl.Segmenter and, because ICU segments
 * kana-only text poorly, also into character bigrams within each content chunk.
 */

// ー belongs to no script of its own (Common): without it, パート would be cut into パ, ー and ト.
const CJK_CHAR = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}々〆ヶー]`;
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

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}ー]/u;

/**
 * The bigrams of a chunk, except those that run from the kana ending one word into the kanji
 * of the next (どんな|取り組み gives no な取): such a pair belongs to neither word. Pairs inside a
 * word, kanji into its kana ending (取り), and runs of kana, which ICU segments poorly, are kept;
 * a two-character chunk that is just such a pair keeps it, so no chunk goes without a term.
 */
export function chunkBigrams(text: string, words: readonly string[]): string[] {
  const chars = [...text];
  if (chars.length < 2) return bigrams(text);
  const boundaries = new Set<number>();
  let at = 0;
  for (const w of words) boundaries.add((at += [...w].length));
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) {
    const [a, b] = [chars[i]!, chars[i + 1]!];
    if (boundaries.has(i + 1) && KANA.test(a) && !KANA.test(b)) continue;
    out.push(a + b);
  }
  return out.length > 0 ? out : bigrams(text);
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

/** Drops stop words that ICU splits into several segments (ですか → です/か, 教えて → 教え/て) from a chunk's end. */
function trimStopSuffixes(chunk: string, stopwords: ReadonlySet<string>): string {
  let out = chunk;
  for (let changed = true; changed;) {
    changed = false;
    for (const stop of stopwords) {
      if (stop.length >= 2 && out.length >= stop.length && out.endsWith(stop) && isCjk(stop)) {
        out = out.slice(0, -stop.length);
        changed = true;
      }
    }
  }
  return out;
}

/**
 * Splits text (folded but for kana, see foldKeepingKana) into Latin words and CJK chunks; stop
 * words are dropped, and so are runs of words that make a stop phrase ("nghe noi", "por favor").
 */
export function tokenize(
  folded: string,
  stopwords: ReadonlySet<string>,
  stopPhrases: readonly string[][] = [],
): Piece[] {
  const pieces: Piece[] = [];
  const words = [...folded.matchAll(TOKEN)].map((m) => m[0]);
  for (let i = 0; i < words.length; i++) {
    const text = words[i]!;
    const phrase = stopPhrases.find((p) => p.every((w, k) => words[i + k] === w));
    if (phrase) i += phrase.length - 1;
    else if (isCjk(text)) pieces.push(...splitCjk(text, stopwords));
    else if (!stopwords.has(text)) pieces.push({ kind: 'word', text });
  }
  return pieces;
}
