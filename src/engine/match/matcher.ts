import { romajiBigrams, type Analyzer, type Token } from '../text/analyzer';
import { FuzzyVocabulary } from './fuzzy';
import type { MatchOptions } from './options';

/** What the matcher indexes (entries and uncovered topics): an id and, per language, the texts that ask for it. */
export interface Indexable {
  id: string;
  text: Record<
    string,
    { title?: string; questions: readonly string[]; keywords: readonly string[] }
  >;
}

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

/** The candidates of one search, best first. */
export interface Ranking {
  candidates: Candidate[];
  /**
   * How much a long message's normalisation raised its scores (1 for a short question): score
   * differences grow by about as much, so a margin between candidates is read on this scale.
   */
  scale: number;
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
  private readonly scratch: Scratch;

  constructor(
    entries: readonly Indexable[],
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
        const titles = text.title ? [text.title] : [];
        for (const sample of [...titles, ...text.questions, ...text.keywords]) {
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
    this.scratch = new Scratch(this.samples.length, entries.length, this.groupSizes.length);
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
            for (const b of kana) units.push(this.unit(b, new Map([[b, 1]]), token.weight));
            continue;
          }
        }
        units.push(this.unit(token.raw, alternatives, token.weight));
      }
    }
    return units;
  }

  /** A unit weighs its best alternative's idf (an unknown word, unknownIdf) times its token's weight. */
  private unit(raw: string, alternatives: Map<string, number>, tokenWeight = 1): Unit {
    let weight = 0;
    for (const term of alternatives.keys()) weight = Math.max(weight, this.idf.get(term) ?? 0);
    return {
      raw,
      weight: (weight || this.unknownIdf) * tokenWeight,
      alternatives,
      unknown: weight === 0,
    };
  }

  /**
   * Scores every entry that shares a term with the question; best first. Typos are corrected
   * against the vocabulary of the question's language; `romaji` also reads Latin words as kana.
   */
  search(tokens: Token[], lang: string, romaji = false): Ranking {
    const units = this.units(tokens, lang, romaji);
    const { storyLength, storyNormalisation } = this.options;
    // A long message tells a story around its question: its unknown words weigh less, so the
    // known part can still carry it, while a short unknown question ("visa renewal?") stays unknown.
    const damp = Math.min(1, storyLength / Math.max(1, units.length));
    for (const u of units) if (u.unknown) u.weight *= damp;
    const weight = units.reduce((sum, u) => sum + u.weight, 0);
    if (weight === 0) return { candidates: [], scale: 1 };
    // Nor is a long message expected to be covered whole by one answer: the share of it that
    // counts as the question shrinks with its length, so a story does not sink the question in it.
    const total =
      units.length > storyLength
        ? weight * (storyLength / units.length) ** storyNormalisation
        : weight;
    const { samples, entries } = this.scratch.begin();
    for (const unit of units) {
      samples.beginUnit();
      entries.beginUnit();
      for (const [term, mult] of unit.alternatives) {
        const idf = this.idf.get(term) ?? 0;
        for (const s of this.samplePostings.get(term) ?? []) samples.offer(s, mult, idf, term);
        for (const e of this.entryPostings.get(term) ?? []) entries.offer(e, mult, idf, term);
      }
      samples.endUnit(unit.weight);
      entries.endUnit(unit.weight);
    }
    return { candidates: this.rank(samples, entries, total), scale: weight / total };
  }

  private rank(samples: Accumulator, entries: Accumulator, total: number): Candidate[] {
    const { queryCoverageWeight: a, sampleWeight, aboutnessWeight } = this.options;
    const { bestScore, bestSample, groupCoverage, aboutness } = this.scratch;
    for (const e of entries.touched) {
      bestScore[e] = 0;
      bestSample[e] = -1;
      aboutness[e] = 0;
    }
    const groups: number[] = [];
    for (const s of samples.touched) {
      const sample = this.samples[s]!;
      const queryCoverage = Math.min(1, samples.query[s]! / total);
      const sampleCoverage = sample.weight > 0 ? Math.min(1, samples.other[s]! / sample.weight) : 0;
      const score = queryCoverage ** a * sampleCoverage ** (1 - a);
      if (score > bestScore[sample.entry]! || bestSample[sample.entry] === -1) {
        bestScore[sample.entry] = score;
        bestSample[sample.entry] = s;
      }
      if (groupCoverage[sample.group] === -1) {
        groupCoverage[sample.group] = 0;
        groups.push(sample.group);
      }
      groupCoverage[sample.group]! += queryCoverage;
    }
    // How consistently an entry's samples in one language speak of the question's terms.
    for (const g of groups) {
      const e = this.groupEntry[g]!;
      aboutness[e] = Math.max(aboutness[e]!, groupCoverage[g]! / this.groupSizes[g]!);
      groupCoverage[g] = -1;
    }
    const bagWeight = 1 - sampleWeight - aboutnessWeight;
    const candidates: Candidate[] = entries.touched.map((e) => ({
      entryId: this.ids[e]!,
      score:
        sampleWeight * bestScore[e]! +
        aboutnessWeight * aboutness[e]! +
        bagWeight * Math.min(1, entries.query[e]! / total),
      bestSample: bestSample[e]! >= 0 ? this.samples[bestSample[e]!]!.text : '',
      matchedTerms: entries.terms[e]!,
    }));
    return candidates.sort((x, y) => y.score - x.score).slice(0, this.options.maxCandidates);
  }
}

/**
 * Sums, for the samples (or entries) a question touches, the question weight they cover and
 * their own weight covered, counting each question unit once at its best alternative. Buffers
 * are typed arrays reused across searches: a search resets only what it touched.
 */
class Accumulator {
  readonly query: Float64Array;
  readonly other: Float64Array;
  readonly terms: string[][];
  touched: number[] = [];
  private readonly seen: Int32Array;
  private readonly unitSeen: Int32Array;
  private readonly unitMult: Float64Array;
  private readonly unitIdf: Float64Array;
  private readonly unitTerm: string[];
  private unitTouched: number[] = [];
  private search = 0;
  private unit = 0;

  constructor(
    size: number,
    private readonly keepTerms: boolean,
  ) {
    this.query = new Float64Array(size);
    this.other = new Float64Array(size);
    this.seen = new Int32Array(size);
    this.unitSeen = new Int32Array(size);
    this.unitMult = new Float64Array(size);
    this.unitIdf = new Float64Array(size);
    this.unitTerm = new Array<string>(size).fill('');
    this.terms = new Array<string[]>(size);
  }

  begin(): void {
    this.search++;
    this.touched = [];
  }

  beginUnit(): void {
    this.unit++;
    this.unitTouched = [];
  }

  offer(i: number, mult: number, idf: number, term: string): void {
    if (this.unitSeen[i] !== this.unit) {
      this.unitSeen[i] = this.unit;
      this.unitMult[i] = mult;
      this.unitIdf[i] = idf;
      this.unitTerm[i] = term;
      this.unitTouched.push(i);
    } else if (mult > this.unitMult[i]!) {
      this.unitMult[i] = mult;
      this.unitIdf[i] = idf;
      this.unitTerm[i] = term;
    }
  }

  endUnit(weight: number): void {
    for (const i of this.unitTouched) {
      if (this.seen[i] !== this.search) {
        this.seen[i] = this.search;
        this.query[i] = 0;
        this.other[i] = 0;
        if (this.keepTerms) this.terms[i] = [];
        this.touched.push(i);
      }
      this.query[i]! += weight * this.unitMult[i]!;
      this.other[i]! += this.unitIdf[i]! * this.unitMult[i]!;
      if (this.keepTerms) this.terms[i]!.push(this.unitTerm[i]!);
    }
  }
}

/** The buffers of one matcher, sized once for its samples, entries and (entry, language) groups. */
class Scratch {
  readonly samples: Accumulator;
  readonly entries: Accumulator;
  readonly bestScore: Float64Array;
  readonly bestSample: Int32Array;
  readonly aboutness: Float64Array;
  readonly groupCoverage: Float64Array;

  constructor(samples: number, entries: number, groups: number) {
    this.samples = new Accumulator(samples, false);
    this.entries = new Accumulator(entries, true);
    this.bestScore = new Float64Array(entries);
    this.bestSample = new Int32Array(entries);
    this.aboutness = new Float64Array(entries);
    this.groupCoverage = new Float64Array(groups).fill(-1);
  }

  begin(): { samples: Accumulator; entries: Accumulator } {
    this.samples.begin();
    this.entries.begin();
    return this;
  }
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}
