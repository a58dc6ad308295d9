import Fuse from 'fuse.js';

export interface Correction {
  term: string;
  /** 1 for an exact match, falling towards 0 as the edit grows. */
  similarity: number;
}

const CACHE_LIMIT = 5000;

/**
 * Corrects typos in Latin words against the knowledge base's own vocabulary with fuse.js.
 * fuse.js is strong on short strings but linear in what it searches, so it only ever sees
 * the words of about the same length (a typo changes the length by an edit or two), and only
 * for words the index does not know; answers are cached.
 */
export class FuzzyVocabulary {
  /** Words by length. */
  private readonly words = new Map<number, string[]>();
  /** One fuse.js index per query length, over the words within two letters of it. */
  private readonly fuses = new Map<number, Fuse<string>>();
  private readonly cache = new Map<string, Correction[]>();

  constructor(
    vocabulary: Iterable<string>,
    private readonly options: { minLength: number; threshold: number; maxCorrections: number },
  ) {
    for (const word of vocabulary) {
      if (word.length < options.minLength - 1 || !/^[a-z]/.test(word)) continue;
      const list = this.words.get(word.length) ?? [];
      list.push(word);
      this.words.set(word.length, list);
    }
  }

  private fuseFor(length: number): Fuse<string> | undefined {
    let fuse = this.fuses.get(length);
    if (!fuse) {
      const list = [-2, -1, 0, 1, 2].flatMap((d) => this.words.get(length + d) ?? []);
      if (list.length === 0) return undefined;
      fuse = new Fuse(list, {
        includeScore: true,
        threshold: this.options.threshold,
        ignoreLocation: true,
      });
      this.fuses.set(length, fuse);
    }
    return fuse;
  }

  /** The closest known words to an unknown one, best first (empty when nothing is close). */
  correct(word: string): Correction[] {
    if (word.length < this.options.minLength) return [];
    const cached = this.cache.get(word);
    if (cached) return cached;
    const fuse = this.fuseFor(Math.min(word.length, 32));
    const found = (fuse?.search(word.slice(0, 32), { limit: this.options.maxCorrections }) ?? [])
      .filter((r) => editDistance(r.item, word) <= maxEdits(word.length))
      .map((r) => ({ term: r.item, similarity: 1 - (r.score ?? 1) }));
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, found);
    return found;
  }
}

/** Edits a word of this length may carry and still be the same word: 1 up to 6 letters, then 2. */
function maxEdits(length: number): number {
  return length <= 6 ? 1 : 2;
}

/** Levenshtein distance with transpositions counted as one edit (residents swap letters). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...new Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
