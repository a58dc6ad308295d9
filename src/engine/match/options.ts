/** Tunable matching options, validated once when the matcher is built. */
export interface MatchOptions {
  /** A candidate below this score is not an answer: the bot falls back. */
  threshold: number;
  /** When the runner-up is within this distance of the winner, the bot asks which was meant. */
  clarifyMargin: number;
  /** Above this score the winner is answered even with a close runner-up. */
  confidentScore: number;
  /** Weight of query coverage against document coverage in a sample's score (0..1). */
  queryCoverageWeight: number;
  /** Weight of the best sample's score (0..1). */
  sampleWeight: number;
  /**
   * Weight of the entry's "aboutness": the mean coverage of the question over the entry's samples
   * in one language, which tells an entry about dates from one that mentions a date once (0..1).
   * The rest of the weight goes to the whole entry's coverage of the question.
   */
  aboutnessWeight: number;
  /** Weight of a query term no entry knows, as a multiple of the highest known idf. */
  unknownTermWeight: number;
  fuzzy: {
    /** Words shorter than this are never corrected (too many false friends). */
    minLength: number;
    /** fuse.js threshold for a correction (0 exact … 1 anything). */
    threshold: number;
    /** How many corrections one unknown word may contribute. */
    maxCorrections: number;
  };
  /** Added to the score of an entry that answers the aspect the question names (where, when…). */
  aspectBoost: number;
  /** A fallback offers the best candidate as a button when it scored at least this share of the threshold. */
  suggestRatio: number;
  /** Up to this many units a message's unknown words weigh fully; beyond, proportionally less. */
  storyLength: number;
  /**
   * Beyond storyLength units, a candidate is measured against the message's weight times
   * (storyLength / units) ^ storyNormalisation: 0 asks a story to be covered whole, 1 only as
   * much as a short question.
   */
  storyNormalisation: number;
  /**
   * Added to an entry about the place a question names (gunma.takasaki for "Takasaki"), and taken
   * from an entry about another place (isesaki.parents for "Takasaki … single mothers").
   */
  placeBoost: number;
  /**
   * In a message of several sentences, the weight of the words of the sentence that asks (ends
   * with a question mark; else the last one) against the story around it (1 = all alike).
   */
  askingSentenceWeight: number;
  /** Added to entries of the topic the conversation is on, so a short follow-up stays on it. */
  contextBoost: number;
  /** How many candidates a search returns for clarification and debugging. */
  maxCandidates: number;
}

export const DEFAULT_MATCH_OPTIONS: MatchOptions = {
  threshold: 0.32,
  clarifyMargin: 0.02,
  confidentScore: 0.75,
  queryCoverageWeight: 0.75,
  sampleWeight: 0.5,
  aboutnessWeight: 0.3,
  unknownTermWeight: 0.9,
  fuzzy: { minLength: 4, threshold: 0.3, maxCorrections: 2 },
  aspectBoost: 0.1,
  placeBoost: 0.1,
  contextBoost: 0.05,
  storyLength: 6,
  storyNormalisation: 0.5,
  askingSentenceWeight: 1.5,
  suggestRatio: 0.7,
  maxCandidates: 5,
};

/** Merges overrides into the defaults and checks that every number is in range. */
export function resolveMatchOptions(overrides: Partial<MatchOptions> = {}): MatchOptions {
  const options = {
    ...DEFAULT_MATCH_OPTIONS,
    ...overrides,
    fuzzy: { ...DEFAULT_MATCH_OPTIONS.fuzzy, ...overrides.fuzzy },
  };
  const unit = [
    'threshold',
    'clarifyMargin',
    'confidentScore',
    'queryCoverageWeight',
    'sampleWeight',
    'placeBoost',
    'storyNormalisation',
  ] as const;
  for (const key of unit) {
    const value = options[key];
    if (!(value >= 0 && value <= 1))
      throw new RangeError(`koyo-bot: match option ${key} must be between 0 and 1, got ${value}`);
  }
  if (!(options.unknownTermWeight >= 0))
    throw new RangeError('koyo-bot: match option unknownTermWeight must be 0 or more');
  if (!(options.askingSentenceWeight >= 1))
    throw new RangeError('koyo-bot: match option askingSentenceWeight must be 1 or more');
  if (!(options.storyLength >= 1))
    throw new RangeError('koyo-bot: match option storyLength must be 1 or more');
  if (!Number.isInteger(options.maxCandidates) || options.maxCandidates < 2)
    throw new RangeError(
      'koyo-bot: match option maxCandidates must be a whole number of at least 2',
    );
  if (!Number.isInteger(options.fuzzy.minLength) || options.fuzzy.minLength < 1)
    throw new RangeError(
      'koyo-bot: match option fuzzy.minLength must be a whole number of at least 1',
    );
  if (options.sampleWeight + options.aboutnessWeight > 1)
    throw new RangeError(
      'koyo-bot: match options sampleWeight + aboutnessWeight must not exceed 1',
    );
  if (!(options.fuzzy.threshold >= 0 && options.fuzzy.threshold <= 1))
    throw new RangeError(`koyo-bot: match option fuzzy.threshold must be between 0 and 1`);
  return options;
}
