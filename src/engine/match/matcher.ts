import type { Entry } from '../../knowledge/schema';
import { romajiBigrams, type Analyzer, type Token } from '../text/analyzer';
import { FuzzyVocabulary } from './fuzzy';
import type { MatchOptions } from './options';

/** One scored answer candidate, with what made it score. */
export interface Candidate {
  entryId: string;
  score: number;
  /** The sample question or keyword that matched best, for /debug. */
  bestSample: string;
  matchedTerms: string[];
}

interface Sample {
  entry: number;
  text: string;
  weight: number;
}

/** A query unit: alternative terms (the word, its corrections, its romaji reading) with multipliers. */
interface Unit {
  raw: string;
  weight: number;
  alternatives: Map<string, number>;
}

/**
 * An inverted index over every entry's titles, sample questions and keywords in every
 * language. A question is scored against each sample (how much of the question the sample
 * explains, and how much of the sample the question covers) and against the entry as a whole;
 * only postings of the question's own terms are visited, so cost follows the question, not
 * the size of the knowledge base.
 */
export class Matcher {
  private readonly ids: string[];
  private readonly samples: Sample[] = [];
  private readonly samplePostings = new Map<string, number[]>();
  private readonly entryPostings = new Map<string, number[]>();
  private readonly idf = new Map<string, number>();
  private readonly unknownIdf: number;
  private readonly fuzzy: FuzzyVocabulary;

  constructor(
    entries: readonly Entry[],
    analyzer: Analyzer,
    private readonly options: MatchOptions,
  ) {
    this.ids = entries.map((e) => e.id);
    const sampleTerms: string[][] = [];
    entries.forEach((entry, index) => {
      const bag = new Set<string>();
      for (const [lang, text] of Object.entries(entry.text)) {
        for (const sample of [text.title, ...text.questions, ...text.keywords]) {
          const terms = analyzer.terms(sample, lang);
          if (terms.length === 0) continue;
          terms.forEach((t) => bag.add(t));
          this.samples.push({ entry: index, text: sample, weight: 0 });
          sampleTerms.push(terms);
        }
      }
      for (const term of bag) push(this.entryPostings, term, index);
    });
    const n = entries.length;
    let maxIdf = 1;
    for (const [term, list] of this.entryPostings) {
      const value = Math.log(1 + n / list.length);
      this.idf.set(term, value);
      maxIdf = Math.max(maxIdf, value);
    }
    this.unknownIdf = maxIdf * options.unknownTermWeight;
    sampleTerms.forEach((terms, i) => {
      const sample = this.samples[i]!;
      sample.weight = terms.reduce((sum, t) => sum + (this.idf.get(t) ?? 0), 0);
      for (const term of terms) push(this.samplePostings, term, i);
    });
    this.fuzzy = new FuzzyVocabulary(
      [...this.idf.keys()].filter((t) => /^[a-z]+$/.test(t)),
      options.fuzzy,
    );
  }

  get size(): number {
    return this.ids.length;
  }

  /** Turns analysed tokens into weighted units, adding typo corrections and romaji readings for unknown words. */
  private units(tokens: Token[]): Unit[] {
    const units: Unit[] = [];
    for (const token of tokens) {
      for (const term of token.terms) {
        const alternatives = new Map([[term, 1]]);
        if (token.kind === 'word' && !this.idf.has(term)) {
          for (const c of this.fuzzy.correct(term)) alternatives.set(c.term, c.similarity);
          const kana =
            alternatives.size === 1 ? romajiBigrams(term).filter((b) => this.idf.has(b)) : [];
          if (kana.length > 0) {
            for (const b of kana) units.push(this.unit(b, new Map([[b, 1]])));
            continue;
          }
        }
        units.push(this.unit(token.raw, alternatives));
      }
    }
    return units;
  }

  private unit(raw: string, alternatives: Map<string, number>): Unit {
    let weight = 0;
    for (const term of alternatives.keys()) weight = Math.max(weight, this.idf.get(term) ?? 0);
    return { raw, weight: weight || this.unknownIdf, alternatives };
  }

  /** Scores every entry that shares a term with the question; best first. */
  search(tokens: Token[]): Candidate[] {
    const units = this.units(tokens);
    const total = units.reduce((sum, u) => sum + u.weight, 0);
    if (total === 0) return [];
    const sampleHit = new Map<number, { query: number; sample: number }>();
    const entryHit = new Map<number, { query: number; terms: string[] }>();
    for (const unit of units) {
      const bestSample = new Map<number, [number, number]>();
      const bestEntry = new Map<number, [number, string]>();
      for (const [term, mult] of unit.alternatives) {
        const idf = this.idf.get(term) ?? 0;
        for (const s of this.samplePostings.get(term) ?? []) {
          if ((bestSample.get(s)?.[0] ?? 0) < mult) bestSample.set(s, [mult, idf]);
        }
        for (const e of this.entryPostings.get(term) ?? []) {
          if ((bestEntry.get(e)?.[0] ?? 0) < mult) bestEntry.set(e, [mult, term]);
        }
      }
      for (const [s, [mult, idf]] of bestSample) {
        const hit = sampleHit.get(s) ?? { query: 0, sample: 0 };
        hit.query += unit.weight * mult;
        hit.sample += idf * mult;
        sampleHit.set(s, hit);
      }
      for (const [e, [mult, term]] of bestEntry) {
        const hit = entryHit.get(e) ?? { query: 0, terms: [] };
        hit.query += unit.weight * mult;
        hit.terms.push(term);
        entryHit.set(e, hit);
      }
    }
    return this.rank(sampleHit, entryHit, total);
  }

  private rank(
    sampleHit: Map<number, { query: number; sample: number }>,
    entryHit: Map<number, { query: number; terms: string[] }>,
    total: number,
  ): Candidate[] {
    const { queryCoverageWeight: a, sampleWeight: w } = this.options;
    const best = new Map<number, { score: number; sample: string }>();
    for (const [s, hit] of sampleHit) {
      const sample = this.samples[s]!;
      const queryCoverage = Math.min(1, hit.query / total);
      const sampleCoverage = sample.weight > 0 ? Math.min(1, hit.sample / sample.weight) : 0;
      const score = queryCoverage ** a * sampleCoverage ** (1 - a);
      if (score > (best.get(sample.entry)?.score ?? -1))
        best.set(sample.entry, { score, sample: sample.text });
    }
    const candidates: Candidate[] = [];
    for (const [e, hit] of entryHit) {
      const sample = best.get(e) ?? { score: 0, sample: '' };
      const score = w * sample.score + (1 - w) * Math.min(1, hit.query / total);
      candidates.push({
        entryId: this.ids[e]!,
        score,
        bestSample: sample.sample,
        matchedTerms: hit.terms,
      });
    }
    return candidates.sort((x, y) => y.score - x.score).slice(0, this.options.maxCandidates);
  }
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}
