import { toHiragana, isHiragana } from 'wanakana';
import type { LanguageProfile } from '../../knowledge/schema';
import { fold, foldKana, foldKeepingKana, hiraganaToKatakana } from './normalize';
import { bigrams, chunkBigrams, tokenize } from './tokenize';

/** One unit of meaning in a text: a Latin word's canonical form, or the bigrams of a CJK chunk. */
export interface Token {
  kind: 'word' | 'cjk' | 'pair';
  /** The folded surface form. */
  raw: string;
  /** Terms that the index stores for this token. */
  terms: string[];
  /** Multiplier of the token's weight (a question's own sentence inside a story weighs more). */
  weight?: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** After a sentence's end mark (a full stop only before a space: 3.5, city.isesaki.lg.jp). */
const SENTENCE_END = /(?<=[?？!！。\n])\s*|(?<=\.)\s+/u;
const QUESTION_END = /[?？]\s*$/u;
const LATIN_START = /^[\p{Script=Latin}\p{N}]/u;

/**
 * Turns text into index terms with the language profiles' data: phrases, synonyms,
 * stop words and suffix rules. Phrases and synonyms apply across languages, because
 * residents mix them ("hello work ở đâu"); stop words and suffixes follow the text's language.
 */
export class Analyzer {
  private readonly phraseRe: RegExp | undefined;
  private readonly phraseMap = new Map<string, string>();
  private readonly synonyms = new Map<string, string>();
  private readonly stopwords = new Map<string, Set<string>>();
  /** Stop words of several words ("nghe nói", "por favor"), as folded word sequences. */
  private readonly stopPhrases = new Map<string, string[][]>();
  private readonly suffixes = new Map<string, Array<[string, string]>>();
  private readonly syllabic = new Set<string>();
  private last = { text: '', prepared: '' };

  constructor(profiles: readonly LanguageProfile[]) {
    for (const p of profiles) {
      for (const [from, to] of Object.entries(p.phrases)) {
        // The text keeps its kana while it is segmented, so a phrase is matched in each spelling.
        const key = foldKeepingKana(from);
        for (const variant of [
          key,
          foldKana(key),
          hiraganaToKatakana(key),
          hiraganaToKatakana(foldKana(key)),
        ])
          if (!this.phraseMap.has(variant)) this.phraseMap.set(variant, fold(to));
      }
      for (const group of p.synonyms) {
        const [head, ...rest] = group.map(fold);
        for (const word of rest) if (!this.synonyms.has(word)) this.synonyms.set(word, head!);
      }
      const stops = p.stopwords.map(fold);
      this.stopwords.set(p.code, new Set(stops.filter((w) => !w.includes(' '))));
      this.stopPhrases.set(
        p.code,
        stops.filter((w) => w.includes(' ')).map((w) => w.split(' ')),
      );
      this.suffixes.set(p.code, p.suffixes);
      if (p.syllabic) this.syllabic.add(p.code);
    }
    const keys = [...this.phraseMap.keys()].sort((a, b) => b.length - a.length);
    if (keys.length > 0) {
      const alternatives = keys.map((k) =>
        LATIN_START.test(k)
          ? `(?<![\\p{L}\\p{N}])${escapeRegExp(k)}(?![\\p{L}\\p{N}])`
          : escapeRegExp(k),
      );
      this.phraseRe = new RegExp(alternatives.join('|'), 'gu');
    }
  }

  /** Every word of every synonym group (folded), for typo correction towards them. */
  synonymWords(): string[] {
    return [...this.synonyms.keys()].filter((w) => /^[a-z]+$/.test(w));
  }

  /** Folds text (kana kept for segmenting) and rewrites known phrases, so "Hello Work" and "ハローワーク" meet as one word. */
  prepare(text: string): string {
    // One message is prepared by several steps of a turn (detection, intents, matching).
    if (text === this.last.text) return this.last.prepared;
    const folded = foldKeepingKana(text);
    const prepared = this.phraseRe
      ? folded.replace(this.phraseRe, (m) => ` ${this.phraseMap.get(m) ?? m} `)
      : folded;
    this.last = { text, prepared };
    return prepared;
  }

  stopwordsOf(lang: string): ReadonlySet<string> {
    return this.stopwords.get(lang) ?? new Set();
  }

  /** The canonical term of a Latin word: its synonym group's head, or its stem. */
  canonical(word: string, lang: string): string {
    const synonym = this.synonyms.get(word);
    if (synonym) return synonym;
    if (word.length <= 4) return word;
    for (const [suffix, replacement] of this.suffixes.get(lang) ?? []) {
      if (word.endsWith(suffix))
        return (
          this.synonyms.get(word.slice(0, -suffix.length) + replacement) ??
          word.slice(0, -suffix.length) + replacement
        );
    }
    return word;
  }

  /** Analyses text written in (or read as) the given language. */
  tokens(text: string, lang: string): Token[] {
    const pieces = tokenize(this.prepare(text), this.stopwordsOf(lang), this.stopPhrases.get(lang));
    const tokens: Token[] = pieces.map((piece) =>
      piece.kind === 'cjk'
        ? { kind: 'cjk', raw: piece.text, terms: chunkBigrams(piece.text, piece.words) }
        : { kind: 'word', raw: piece.text, terms: [this.canonical(piece.text, lang)] },
    );
    return this.syllabic.has(lang) ? withSyllablePairs(tokens) : tokens;
  }

  /**
   * Tokens of a whole message, sentence by sentence: a resident's story comes with its question,
   * so the words of the sentence that asks (ends with a question mark; else the last sentence)
   * weigh `askWeight` times the others.
   */
  messageTokens(text: string, lang: string, askWeight: number): Token[] {
    const sentences = text.split(SENTENCE_END).filter((x) => x.trim());
    if (askWeight === 1 || sentences.length < 2) return this.tokens(text, lang);
    const asks = sentences.map((x) => QUESTION_END.test(x));
    if (!asks.includes(true)) asks[asks.length - 1] = true;
    return sentences.flatMap((x, i) =>
      this.tokens(x, lang).map((t) => (asks[i] ? { ...t, weight: askWeight } : t)),
    );
  }

  /** All index terms of a text, deduplicated. */
  terms(text: string, lang: string): string[] {
    return [...new Set(this.tokens(text, lang).flatMap((t) => t.terms))];
  }
}

/**
 * Reads a Latin word as romaji when it converts wholly to kana ("choinshiki" → ちょいんしき),
 * so residents who type Japanese in Latin letters still meet the kana keywords.
 */
export function romajiBigrams(word: string): string[] {
  if (!/^[a-z]{3,}$/.test(word)) return [];
  const kana = fold(toHiragana(word));
  return isHiragana(kana) ? bigrams(kana) : [];
}

/**
 * In a language written one syllable per word (Vietnamese), meaning sits in syllable pairs
 * (thu nhập, bao nhiêu): adjacent words also count as one pair term, so a question shares a
 * pair with an entry only when it really uses the same word.
 */
function withSyllablePairs(tokens: Token[]): Token[] {
  const out = [...tokens];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const [a, b] = [tokens[i]!, tokens[i + 1]!];
    if (a.kind === 'word' && b.kind === 'word')
      out.push({ kind: 'pair', raw: `${a.raw} ${b.raw}`, terms: [`${a.terms[0]}_${b.terms[0]}`] });
  }
  return out;
}
