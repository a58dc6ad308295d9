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
  /** Index of the entry's language group, for the entry's per-language "aboutness". */
  group: number;
  text: string;
  weight: number;
}

/** A query unit: alternative terms (the word, its corrections, its romaji reading) with multipliers. */
interface Unit {
  raw: string;
  weight: number;
  /** No alternative of this unit occurs in the knowledge base. */
  unknown: boolean;
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
  /** Sample count of each (entry, language) group. */
  private readonly groupSizes: number[] = [];
  private readonly groupEntry: number[] = [];
  private readonly fuzzy = new Map<string, FuzzyVocabulary>();

  constructor(
    entries: readonly Entry[],
    private readonly analyzer: Analyzer,
    private readonly options: MatchOptions,
  ) {
    this.ids = entries.map((e) => e.id);
    const sampleTerms: string[][] = [];
    const vocabulary = new Map<string, Set<string>>();
    entries.forEach((entry, index) => {
      const bag = new Set<string>();
      for (const [lang, text] of Object.entries(entry.text)) {
        const group = this.groupSizes.push(0) - 1;
        this.groupEntry.push(index);
        const words = vocabulary.get(lang) ?? new Set<string>();
        vocabulary.set(lang, words);
        for (const sample of [text.title, ...text.questions, ...text.keywords]) {
          const terms = analyzer.terms(sample, lang);
          if (terms.length === 0) continue;
          for (const t of terms) {
            bag.add(t);
            if (/^[a-z]+$/.test(t)) words.add(t);
          }
          this.samples.push({ entry: index, group, text: sample, weight: 0 });
          this.groupSizes[group]!++;
          sampleTerms.push(terms);
        }
      }
      for (const term of bag) push(this.entryPostings, term, index);
    });
    const n = entries.length;
    let maxIdf = 1;
    for (const [term, list] of this.entryPostings) {
      // Near zero for a term every entry has ("です", "agreement"), high for a rare one.
      const value = Math.log((n + 1) / (list.length + 0.5));
      this.idf.set(term, value);
      maxIdf = Math.max(maxIdf, value);
    }
    this.unknownIdf = maxIdf * options.unknownTermWeight;
    sampleTerms.forEach((terms, i) => {
      const sample = this.samples[i]!;
      sample.weight = terms.reduce((sum, t) => sum + (this.idf.get(t) ?? 0), 0);
      for (const term of terms) push(this.samplePostings, term, i);
    });
    // Typos are corrected towards the words people write, synonyms included ("adress" →
    // address → place), then read as the index reads them.
    for (const [lang, words] of vocabulary) {
      for (const w of analyzer.synonymWords())
        if (this.idf.has(analyzer.canonical(w, lang))) words.add(w);
      this.fuzzy.set(lang, new FuzzyVocabulary(words, options.fuzzy));
    }
  }

  /** True when the term occurs anywhere in the knowledge base. */
  knows(term: string): boolean {
    return this.idf.has(term);
  }

  get size(): number {
    return this.ids.length;
  }

  /** Turns analysed tokens into weighted units, adding typo corrections and romaji readings for unknown words. */
  private units(tokens: Token[], lang: string, romaji: boolean): Unit[] {
    const units: Unit[] = [];
    for (const token of tokens) {
      for (const term of token.terms) {
        const alternatives = new Map([[term, 1]]);
        if (token.kind === 'word' && !this.idf.has(term)) {
          for (const c of this.fuzzy.get(lang)?.correct(term) ?? [])
            alternatives.set(this.analyzer.canonical(c.term, lang), c.similarity);
          const kana =
            romaji && alternatives.size === 1
              ? romajiBigrams(term).filter((b) => this.idf.has(b))
              : [];
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
    return { raw, weight: weight || this.unknownIdf, alternatives, unknown: weight === 0 };
  }

  /**
   * Scores every entry that shares a term with the question; best first. Typos are corrected
   * against the vocabulary of the question's language; `romaji` also reads Latin words as kana.
   */
  search(tokens: Token[], lang: string, romaji = false): Candidate[] {
    const units = this.units(tokens, lang, romaji);
    // A long message tells a story around its question: its unknown words weigh less, so the
    // known part can still carry it, while a short unknown question ("visa renewal?") stays unknown.
    const damp = Math.min(1, this.options.storyLength / Math.max(1, units.length));
    for (const u of units) if (u.unknown) u.weight *= damp;
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
    const { queryCoverageWeight: a, sampleWeight, aboutnessWeight } = this.options;
    const best = new Map<number, { score: number; sample: string }>();
    const groupCoverage = new Map<number, number>();
    for (const [s, hit] of sampleHit) {
      const sample = this.samples[s]!;
      const queryCoverage = Math.min(1, hit.query / total);
      const sampleCoverage = sample.weight > 0 ? Math.min(1, hit.sample / sample.weight) : 0;
      const score = queryCoverage ** a * sampleCoverage ** (1 - a);
      if (score > (best.get(sample.entry)?.score ?? -1))
        best.set(sample.entry, { score, sample: sample.text });
      groupCoverage.set(sample.group, (groupCoverage.get(sample.group) ?? 0) + queryCoverage);
    }
    // How consistently an entry's samples in one language speak of the question's terms.
    const aboutness = new Map<number, number>();
    for (const [group, sum] of groupCoverage) {
      const entry = this.groupEntry[group]!;
      aboutness.set(entry, Math.max(aboutness.get(entry) ?? 0, sum / this.groupSizes[group]!));
    }
    const bagWeight = 1 - sampleWeight - aboutnessWeight;
    const candidates: Candidate[] = [];
    for (const [e, hit] of entryHit) {
      const sample = best.get(e) ?? { score: 0, sample: '' };
      const score =
        sampleWeight * sample.score +
        aboutnessWeight * (aboutness.get(e) ?? 0) +
        bagWeight * Math.min(1, hit.query / total);
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
