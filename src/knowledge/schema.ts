import { z } from 'zod';

/** Where a fact was read: the press release's body or one of its three materials, or the verified facts sheet. */
export const SOURCES = [
  'press-release',
  'material-1',
  'material-2',
  'material-3',
  'facts',
] as const;
export const SourceSchema = z.enum(SOURCES);
export type Source = z.infer<typeof SourceSchema>;

/** What a short follow-up ("and where?") asks about; language files list the words for each. */
export const ASPECTS = [
  'date',
  'time',
  'place',
  'who',
  'what',
  'why',
  'contact',
  'programme',
] as const;
export const AspectSchema = z.enum(ASPECTS);
export type Aspect = z.infer<typeof AspectSchema>;

const nonEmpty = z.string().trim().min(1, 'expected a non-empty string');

/** One language's side of an entry. */
export const EntryTextSchema = z.strictObject({
  title: nonEmpty.max(60, 'expected a short title (at most 60 characters) for buttons'),
  answer: nonEmpty.max(1500, 'expected an answer of at most 1,500 characters'),
  questions: z.array(nonEmpty).min(3, 'expected at least 3 sample questions'),
  keywords: z.array(nonEmpty).default([]),
});
export type EntryText = z.infer<typeof EntryTextSchema>;

export const EntrySchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(\.[a-z0-9-]+)+$/, 'expected a dotted lower-case id such as "ceremony.date"'),
  topic: z.string().regex(/^[a-z0-9-]+$/, 'expected a lower-case topic name'),
  /** What the entry answers about its topic ("where?", "when?"): one aspect or several. */
  aspect: z
    .union([AspectSchema, z.array(AspectSchema).min(1)], {
      error: `expected one of ${ASPECTS.join(', ')}, or a non-empty list of them`,
    })
    .transform((a) => (typeof a === 'string' ? [a] : a))
    .optional(),
  /**
   * The municipality or prefecture the entry is about (Japanese name, e.g. 太田市, 群馬県): a
   * question naming another place is not asking for it, and one naming this place is.
   */
  place: z.string().optional(),
  source: SourceSchema,
  sourceNote: z.string().optional(),
  related: z.array(z.string()).default([]),
  text: z.record(z.string(), EntryTextSchema),
});
export type Entry = z.infer<typeof EntrySchema>;

/** A topic the bot does not cover, indexed like an entry so its questions get the fallback. */
export const OutOfScopeTopicSchema = z.strictObject({
  id: z.string().regex(/^oos\.[a-z0-9-]+$/, 'expected an id such as "oos.visa"'),
  text: z.record(
    z.string(),
    z.strictObject({
      questions: z.array(nonEmpty).min(3, 'expected at least 3 sample questions'),
      keywords: z.array(nonEmpty).default([]),
    }),
  ),
});
export type OutOfScopeTopic = z.infer<typeof OutOfScopeTopicSchema>;

export const OutOfScopeFileSchema = z.strictObject({
  $comment: z.string().optional(),
  topics: z.array(OutOfScopeTopicSchema),
});
export type OutOfScopeFile = z.infer<typeof OutOfScopeFileSchema>;

/** An entries file; each entry is then validated on its own (EntrySchema). */
export const EntryFileSchema = z.strictObject({
  $comment: z.string().optional(),
  entries: z.array(z.unknown()).min(1, 'expected at least one entry'),
});

const wordList = z.array(nonEmpty).default([]);

/** A language's profile: everything the engine needs to detect, normalise and converse in it. */
export const LanguageProfileSchema = z.strictObject({
  $comment: z.string().optional(),
  code: z.string().regex(/^[a-z]{2,3}$/, 'expected a two- or three-letter language code'),
  name: nonEmpty,
  intlLocale: nonEmpty,
  detect: z.strictObject({
    /** Unicode scripts that alone identify the language (e.g. Hiragana for Japanese). */
    scripts: z.array(nonEmpty).default([]),
    /** Letters that (almost) only this language uses among the supported ones. */
    letters: z.string().default(''),
    /** Folded words or two-word phrases typical of the language, also when typed without accents. */
    words: wordList,
    /** Latin text that reads wholly as romaji counts for this language ("kyotei wa itsu"). */
    romaji: z.boolean().default(false),
  }),
  stopwords: wordList,
  /** Folded phrase → replacement applied before tokenising ("hello work" → "hellowork"). */
  phrases: z.record(z.string(), z.string()).default({}),
  /** Groups of folded words that mean the same here; every word maps to the group's first. */
  synonyms: z
    .array(z.array(nonEmpty.regex(/^\S+$/, 'expected one word; put a phrase in "phrases"')).min(2))
    .default([]),
  /** Suffix rewrites for plurals and the like, applied to long Latin words on both sides. */
  suffixes: z.array(z.tuple([z.string(), z.string()])).default([]),
  /** One syllable per written word (Vietnamese): adjacent words are also indexed as pairs. */
  syllabic: z.boolean().default(false),
  /** Words that name an aspect in a short follow-up ("and where?"). */
  aspects: z.partialRecord(AspectSchema, wordList).default({}),
  /** Connectives that open a follow-up and carry no topic ("and", "e", "còn", "じゃあ"). */
  fillers: wordList,
  /** Words that ask whether a place has signed ("has X signed one?"). */
  lookupWords: wordList,
  /**
   * Words that hint at a lookup ("agreement", "has"): a municipality named with one of them
   * ("naha agreement?") is looked up, unless an entry is about that very place ("Ota agreement
   * initiatives" answers Ota's own entry).
   */
  lookupHints: wordList,
  /**
   * Everyday words that are also romaji place names ("toda", "usa", "wake"): they name a place
   * only written as a name ("Toda", "toda-shi"). Stop words, synonyms and lower-case words of the
   * answers count as such already.
   */
  commonWords: wordList,
  /**
   * Words written before or after a romaji place name to say it is a city, town or village
   * ("Fukuoka city", "cidade de Toyota", "thành phố Hiroshima", "chiba市"): with one, a name
   * shared with a prefecture or a common word is read as the municipality. The prefecture words
   * ("Hiroshima prefecture", "tỉnh Fukui") say that a name shared with its capital is the prefecture.
   */
  placeKinds: z
    .partialRecord(
      z.enum(['city', 'town', 'village', 'prefecture']),
      z.strictObject({ before: wordList, after: wordList }),
    )
    .default({}),
  /** Words that mean "switch to this language" when typed alone. */
  switchWords: wordList,
  smalltalk: z.strictObject({
    greeting: wordList,
    thanks: wordList,
    bye: wordList,
    help: wordList,
    guided: wordList,
  }),
});
export type LanguageProfile = z.infer<typeof LanguageProfileSchema>;

export const MunicipalitySchema = z.strictObject({
  ja: nonEmpty,
  kana: nonEmpty,
  romaji: nonEmpty,
  kind: z.enum(['city', 'town', 'village']),
});
export type Municipality = z.infer<typeof MunicipalitySchema>;

export const PrefectureSchema = z.strictObject({
  ja: nonEmpty,
  names: z.record(z.string(), nonEmpty),
  aliases: wordList,
  heading: z.string(),
  municipalities: z.array(MunicipalitySchema),
});
export type Prefecture = z.infer<typeof PrefectureSchema>;

export const MunicipalityFileSchema = z.strictObject({
  $comment: z.string().optional(),
  asOf: z.iso.date(),
  totals: z.strictObject({
    bodies: z.number().int().positive(),
    prefectures: z.number().int().nonnegative(),
    cities: z.number().int().nonnegative(),
    towns: z.number().int().nonnegative(),
    villages: z.number().int().nonnegative(),
  }),
  prefectures: z.array(PrefectureSchema).min(1),
  corrections: z.array(
    z.strictObject({
      what: nonEmpty,
      original: z.string(),
      corrected: z.string(),
      reason: nonEmpty,
    }),
  ),
});
export type MunicipalityFile = z.infer<typeof MunicipalityFileSchema>;

/** The bot's own settings that are content, not code: the topic menu and the human contact. */
export const BotFileSchema = z.strictObject({
  $comment: z.string().optional(),
  defaultLanguage: z.string().regex(/^[a-z]{2,3}$/),
  menu: z.array(z.string()).min(1, 'expected at least one menu entry id'),
  /** Prefectures whose "which places have one?" has a richer curated answer (prefecture → entry id). */
  prefectureAnswers: z.record(z.string(), z.string()).default({}),
  /** Topics about the list of municipalities: a place named in a question on these is looked up. */
  lookupTopics: z.array(z.string()).default([]),
  /** Answers in these topics also offer the guided "where can I get help?" conversation. */
  guidedTopics: z.array(z.string()).default([]),
  /**
   * Topics whose answers describe Isesaki's own services (Hello Work Isesaki, the division…):
   * a question about them that names another place gets the fallback, not Isesaki's answer.
   */
  localTopics: z.array(z.string()).default([]),
  /** The prefecture the bot's municipality is in (its places are not "another place"). */
  homePrefecture: z.string().optional(),
  /** The bot's own municipality: never reported as "not in the list" (its agreement is the subject). */
  homeMunicipality: z.string().optional(),
  /**
   * How residents write the bot's own municipality (伊勢崎, isesaki): a question that names it asks
   * about its services, even when it also names the town the resident came from.
   */
  homeNames: z.array(nonEmpty).default([]),
  contact: z.strictObject({
    phone: nonEmpty,
    extension: nonEmpty,
    switchboard: nonEmpty,
  }),
});
export type BotFile = z.infer<typeof BotFileSchema>;

/** The guided "where can I get help?" conversation: a question, and a tailored answer per situation. */
export const GuidedFileSchema = z.strictObject({
  $comment: z.string().optional(),
  source: SourceSchema,
  prompt: z.record(z.string(), nonEmpty),
  profiles: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z-]+$/, 'expected a lower-case profile id'),
        label: z.record(
          z.string(),
          nonEmpty.max(40, 'expected a short button label (at most 40 characters)'),
        ),
        answer: z.record(z.string(), nonEmpty.max(1500)),
        related: z.array(z.string()).default([]),
      }),
    )
    .min(2, 'expected at least two situations to choose from'),
});
export type GuidedFile = z.infer<typeof GuidedFileSchema>;
