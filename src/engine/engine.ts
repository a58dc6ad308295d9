import type { KnowledgeBase } from '../knowledge/load';
import type { Aspect, Entry, LanguageProfile } from '../knowledge/schema';
import type { Translate } from '../i18n/locales';
import { renderDates } from './compose/dates';
import {
  PAYLOAD,
  parsePayload,
  type QuickReply,
  type Reply,
  type ReplyKind,
} from './compose/reply';
import { IntentRecognizer } from './conversation/intents';
import { LanguageDetector, type Detection } from './language/detect';
import { resolveLanguage } from './language/resolve';
import { MunicipalityLookup, placeKindWords, type PlaceMatch } from './lookup/municipalities';
import { EntryPlaces } from './lookup/entry-places';
import { Matcher, type Candidate, type Ranking } from './match/matcher';
import { resolveMatchOptions, type MatchOptions } from './match/options';
import { Analyzer } from './text/analyzer';
import { fold } from './text/normalize';

/** What the bot remembers between turns of one conversation. */
export interface SessionState {
  lang?: string;
  lastEntryId?: string;
}

export interface Message {
  text: string;
  /** An explicit language choice for this message. */
  lang?: string;
}

/** Why the bot answered as it did, for the staff console's /debug. */
export interface Trace {
  detection: Detection;
  lang: string;
  candidates: Candidate[];
  decision: string;
}

export interface Turn {
  reply: Reply;
  state: SessionState;
  trace: Trace;
  /** Set when the runtime should start the guided "where can I get help?" conversation. */
  action?: 'guided';
}

export const MAX_MESSAGE_LENGTH = 1000;

/**
 * The answer engine: language, normalisation, matching and reply composition, with no
 * knowledge of HTTP or botkit. One instance serves every channel; state travels with the call.
 */
export class Engine {
  readonly languages: string[];
  private readonly profiles = new Map<string, LanguageProfile>();
  private readonly entries = new Map<string, Entry>();
  private readonly analyzer: Analyzer;
  private readonly matcher: Matcher;
  private readonly detector: LanguageDetector;
  private readonly intents: IntentRecognizer;
  private readonly places: MunicipalityLookup;
  private readonly options: MatchOptions;
  private readonly entryPlaces: EntryPlaces;

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly t: Translate,
    options: Partial<MatchOptions> = {},
  ) {
    this.options = resolveMatchOptions(options);
    for (const p of kb.languages) this.profiles.set(p.code, p);
    for (const e of kb.entries) this.entries.set(e.id, e);
    this.languages = kb.languages.map((p) => p.code);
    this.analyzer = new Analyzer(kb.languages);
    // Topics the bot does not cover compete with the entries, so their questions fall back.
    this.matcher = new Matcher([...kb.entries, ...kb.outOfScope], this.analyzer, this.options);
    this.detector = new LanguageDetector(kb.languages);
    this.intents = new IntentRecognizer(kb.languages, this.analyzer);
    // Words the language profiles use (stop words, synonyms, question words, everyday words), and
    // words the answers write in lower case ("date"), are not place names unless written as one.
    const common = new Set(
      kb.languages
        .flatMap((p) => [
          ...p.stopwords,
          ...p.synonyms.flat(),
          ...p.detect.words,
          ...p.commonWords,
          ...Object.values(p.aspects).flat(),
          ...p.fillers,
        ])
        .map(fold),
    );
    for (const entry of kb.entries)
      for (const { answer } of Object.values(entry.text))
        for (const word of answer.match(/(?<![\p{L}\p{N}])\p{Ll}+/gu) ?? []) common.add(fold(word));
    this.places = new MunicipalityLookup(
      kb.municipalities,
      kb.bot.homeMunicipality,
      (word) => common.has(word),
      placeKindWords(kb.languages),
      kb.bot.homePrefecture,
    );
    this.entryPlaces = new EntryPlaces(kb.entries, this.places, kb.bot);
  }

  get defaultLanguage(): string {
    return this.kb.bot.defaultLanguage;
  }

  hasEntry(id: string): boolean {
    return this.entries.has(id);
  }

  isLanguage(code: string | undefined): code is string {
    return code !== undefined && this.profiles.has(code);
  }

  /** The welcome message with the topic menu, for a new conversation. */
  welcome(lang: string): Reply {
    return this.reply(lang, 'menu', this.t(lang, 'bot.welcome'), { quickReplies: this.menu(lang) });
  }

  /** Answers one message in the context of a conversation's state. Never throws on user input. */
  respond(message: Message, state: SessionState = {}): Turn {
    const text = message.text.slice(0, MAX_MESSAGE_LENGTH * 2);
    const explicit = this.isLanguage(message.lang) ? message.lang : undefined;
    const payload = parsePayload(text);
    const session = this.isLanguage(state.lang) ? state.lang : undefined;
    const detection = payload
      ? { lang: undefined, scores: {} }
      : this.detector.detect(text, session, this.analyzer.prepare(text));
    const lang = resolveLanguage({
      explicit,
      detected: detection.lang,
      session,
      fallback: this.kb.bot.defaultLanguage,
    });
    const trace: Trace = { detection, lang, candidates: [], decision: '' };
    const turn = (reply: Reply, decision: string, lastEntryId = state.lastEntryId): Turn => {
      trace.decision = decision;
      return { reply, state: { lang: reply.lang, lastEntryId }, trace };
    };

    if (!text.trim())
      return turn(this.reply(lang, 'error', this.t(lang, 'bot.empty')), 'empty message');
    if (text.length > MAX_MESSAGE_LENGTH)
      return turn(
        this.reply(lang, 'error', this.t(lang, 'bot.tooLong', { max: MAX_MESSAGE_LENGTH })),
        'too long',
      );

    if (payload?.type === 'menu') return turn(this.menuReply(lang), 'menu button');
    if (payload?.type === 'lang' && this.isLanguage(payload.value))
      return turn(this.switchReply(payload.value), 'language button');
    if (payload?.type === 'guided') {
      const answer = this.guidedAnswer(payload.value, lang);
      if (answer) return turn(answer, `guided answer: ${payload.value}`);
      return { ...turn(this.guidedPrompt(lang), 'guided start'), action: 'guided' };
    }
    if (payload?.type === 'answer' && this.entries.has(payload.value))
      return turn(
        this.answer(this.entries.get(payload.value)!, lang),
        'answer button',
        payload.value,
      );

    const switchTo = this.intents.languageSwitch(text);
    if (switchTo && this.isLanguage(switchTo))
      return turn(this.switchReply(switchTo), `language switch to ${switchTo}`);

    const smalltalk = this.intents.smalltalkOf(text, lang);
    if (smalltalk === 'help') return turn(this.menuReply(lang), 'asked for the menu');
    if (smalltalk) return turn(this.smalltalkReply(lang, smalltalk), `small talk: ${smalltalk}`);

    if (this.intents.asksGuidance(text, lang))
      return { ...turn(this.guidedPrompt(lang), 'asked for help finding work'), action: 'guided' };

    return this.answerQuestion(text, lang, state, trace, turn);
  }

  /** The guided conversation's question: which situation describes you? One button per situation. */
  guidedPrompt(lang: string): Reply {
    const { guided } = this.kb;
    const quickReplies = guided.profiles.map((p) => ({
      label: p.label[lang]!,
      payload: PAYLOAD.guided(p.id),
    }));
    quickReplies.push({ label: this.t(lang, 'quick.menu'), payload: PAYLOAD.menu });
    return this.reply(lang, 'guided', guided.prompt[lang]!, { quickReplies });
  }

  /** The tailored answer for one situation, or undefined for an unknown one. */
  guidedAnswer(profileId: string, lang: string): Reply | undefined {
    const profile = this.kb.guided.profiles.find((p) => p.id === profileId);
    if (!profile) return undefined;
    return this.reply(
      lang,
      'answer',
      renderDates(profile.answer[lang]!, this.profiles.get(lang)!.intlLocale),
      {
        answerId: `guided.${profile.id}`,
        quickReplies: [
          ...this.buttonsFor(profile.related, lang),
          { label: this.t(lang, 'quick.guidedAgain'), payload: PAYLOAD.guided() },
          { label: this.t(lang, 'quick.menu'), payload: PAYLOAD.menu },
        ],
        source: this.sourceLabel(lang, this.kb.guided.source),
      },
    );
  }

  private answerQuestion(
    text: string,
    lang: string,
    state: SessionState,
    trace: Trace,
    turn: (reply: Reply, decision: string, lastEntryId?: string) => Turn,
  ): Turn {
    const followUp = this.followUp(text, lang, state);
    if (followUp)
      return turn(this.answer(followUp, lang), `follow-up on ${state.lastEntryId}`, followUp.id);

    // Read the text in its own language even when the reply language was chosen explicitly;
    // when detection is unsure, the language with the most evidence reads it best.
    const reading = trace.detection.lang ?? leading(trace.detection.scores) ?? lang;
    const place = this.placeIn(text);
    const found = this.search(text, reading);
    const { aspect } = this.intents.aspectOf(text, reading);
    const candidates = this.boostInContext(
      found.candidates,
      aspect,
      this.entries.get(state.lastEntryId ?? '')?.topic,
      place,
    );
    trace.candidates = candidates;
    const { threshold, confidentScore } = this.options;
    const clarifyMargin = this.options.clarifyMargin * found.scale;
    const answerable = candidates.filter((c) => this.entries.has(c.entryId));
    const [top, second] = answerable;
    // "Has Toyota City signed?" is a lookup, whatever Toyota the company shares with a topic.
    if (place?.type === 'municipality' && this.isLookup(text, place, answerable, state, aspect))
      return turn(
        this.placeReply(place, lang),
        `place lookup: ${place.municipality.ja}`,
        'national.list',
      );
    if (
      candidates[0] &&
      !this.entries.has(candidates[0].entryId) &&
      candidates[0].score >= threshold
    )
      return turn(this.fallback(lang), `out of scope: ${candidates[0].entryId}`);

    // Hello Work of another place is not Isesaki's, unless the place's own entry is a confident
    // answer ("Job Center Maebashi" is in its entry).
    const local =
      place &&
      !(top && top.score >= confidentScore) &&
      this.localServiceElsewhere(text, reading, place);
    if (local)
      return turn(
        this.fallback(lang),
        `asks about ${local} for another place than ${this.kb.bot.homeMunicipality}`,
      );
    if (
      place &&
      place.type !== 'municipality' &&
      this.isLookup(text, place, answerable, state, aspect)
    )
      return turn(this.placeReply(place, lang), `place lookup: ${place.type}`, 'national.list');
    if (!top || top.score < threshold)
      return turn(
        this.fallback(
          lang,
          // A near answer is offered only when no uncovered topic came first.
          top && top === candidates[0] && top.score >= threshold * this.options.suggestRatio
            ? top
            : undefined,
        ),
        `fallback: best score ${top?.score.toFixed(3) ?? 'none'} < ${threshold}`,
      );
    if (
      second &&
      second.score >= threshold &&
      top.score < confidentScore &&
      top.score - second.score < clarifyMargin
    ) {
      const close = answerable.filter((c) => top.score - c.score < clarifyMargin).slice(0, 3);
      return turn(
        this.clarify(close, lang),
        `clarify: ${close.map((c) => c.entryId).join(' / ')} within ${clarifyMargin.toFixed(3)}`,
      );
    }
    const entry = this.entries.get(top.entryId)!;
    const margin = second
      ? ` (margin ${(top.score - second.score).toFixed(3)} over ${second.entryId})`
      : '';
    return turn(
      this.answer(entry, lang),
      `score ${top.score.toFixed(3)} ≥ ${threshold}${margin}`,
      entry.id,
    );
  }

  /**
   * A question that names an aspect ("where", "what time") leans towards the entries that
   * answer exactly that aspect, so "where is the ceremony?" prefers the place over the overview;
   * and entries of the topic the conversation is on lean forward, so a follow-up stays on it.
   * Only candidates already above the threshold move up for these: they reorder, never make an
   * answer. A named place is stronger evidence: the entry about that very place leans forward
   * even from below the threshold, and one about another place leans back.
   */
  private boostInContext(
    candidates: Candidate[],
    aspect: Aspect | undefined,
    lastTopic: string | undefined,
    place: PlaceMatch | undefined,
  ): Candidate[] {
    const { aspectBoost, contextBoost, placeBoost, threshold } = this.options;
    const boost = (c: Candidate): number => {
      const entry = this.entries.get(c.entryId);
      const relation = this.entryPlaces.relation(c, place);
      const placed = relation === 'here' ? placeBoost : relation === 'elsewhere' ? -placeBoost : 0;
      if (c.score < threshold) return placed;
      return (
        (aspect && entry?.aspect?.includes(aspect) ? aspectBoost : 0) +
        (entry?.topic === lastTopic ? contextBoost : 0) +
        placed
      );
    };
    return candidates
      .map((c) => ({ ...c, score: Math.max(0, Math.min(1, c.score + boost(c))) }))
      .sort((a, b) => b.score - a.score);
  }

  /**
   * A named place is looked up when the question asks whether it signed, or when the question
   * (or the conversation so far) is about the list of municipalities.
   */
  private isLookup(
    text: string,
    place: PlaceMatch,
    candidates: readonly Candidate[],
    state: SessionState,
    aspect: Aspect | undefined,
  ): boolean {
    const [top] = candidates;
    const topics = this.kb.bot.lookupTopics;
    const onListTopic = (id: string | undefined) =>
      topics.includes(this.entries.get(id ?? '')?.topic ?? '');
    const asks = this.intents.asksLookup(text);
    // "and Takasaki's?" after the Gunma list: Takasaki's own entry, unless it asks "signed?".
    const ownEntry = candidates.some((c) => this.entryPlaces.relation(c, place) === 'here');
    if (onListTopic(state.lastEntryId) && place.type !== 'unlisted') return asks || !ownEntry;
    // "what's in Numata's agreement?", "when did Ota sign?": a town with its own entry is
    // answered by it, which also says when it signed, rather than by "it is in the list";
    // "has Maebashi signed?" alone is still the lookup.
    if (
      (!asks || aspect) &&
      place.type === 'municipality' &&
      top &&
      top.score >= this.options.threshold &&
      this.entryPlaces.relation(top, place) === 'here'
    )
      return false;
    if (!asks) {
      // "which cities in Hyogo have one?": the list of another prefecture.
      if (place.type === 'prefecture')
        return this.entryPlaces.isElsewhere(place) && this.intents.hintsLookup(text);
      if (place.type !== 'municipality') return false;
      if (onListTopic(top?.entryId)) return true;
      // "naha agreement?": that place's agreement, unless an entry is about that very place.
      return this.intents.hintsLookup(text) && !ownEntry;
    }
    // "is Hiroshima on the list?": another prefecture asked about is its list.
    if (
      place.type === 'municipality' ||
      (place.type === 'prefecture' && this.entryPlaces.isElsewhere(place))
    )
      return true;
    return !top || top.score < this.options.threshold || onListTopic(top.entryId);
  }

  /**
   * "Hello Work Ota's address": read without the place's name, the question asks for a local
   * service (Hello Work Isesaki, City Hall), but of another place, which the bot does not know.
   * Returns that service's entry id.
   */
  private localServiceElsewhere(
    text: string,
    reading: string,
    place: PlaceMatch,
  ): string | undefined {
    const folded = fold(text);
    if (!this.entryPlaces.isElsewhere(place) || this.entryPlaces.namesHome(folded))
      return undefined;
    const rest = this.entryPlaces.withoutPlace(folded, place);
    const [top] = this.search(rest, reading).candidates.filter((c) => this.entries.has(c.entryId));
    return top && top.score >= this.options.threshold && this.isLocal(top)
      ? top.entryId
      : undefined;
  }

  /** The place a question names; a bare "Hiroshima" is the listed city of that name, not its prefecture. */
  private placeIn(text: string): PlaceMatch | undefined {
    const place = this.places.find(text);
    if (place?.type !== 'prefecture') return place;
    const city = this.places.namesakeCity(text, place.prefecture);
    return city
      ? { type: 'municipality', municipality: city, prefecture: place.prefecture }
      : place;
  }

  /** Matches text read in a language (Latin words also as romaji when it is Japanese). */
  private search(text: string, reading: string): Ranking {
    const tokens = this.analyzer.messageTokens(text, reading, this.options.askingSentenceWeight);
    return this.matcher.search(tokens, reading, reading === 'ja');
  }

  /** True for an entry about a service in the bot's own municipality (Hello Work Isesaki, City Hall). */
  private isLocal(candidate: Candidate): boolean {
    return this.kb.bot.localTopics.includes(this.entries.get(candidate.entryId)!.topic);
  }

  /** A short message that names only an aspect ("and where?") continues the last topic. */
  private followUp(text: string, lang: string, state: SessionState): Entry | undefined {
    const last = state.lastEntryId ? this.entries.get(state.lastEntryId) : undefined;
    if (!last) return undefined;
    const { aspect, rest } = this.intents.aspectOf(text, lang);
    if (!aspect || rest.length > 0) return undefined;
    const sameTopic = this.kb.entries.filter((e) => e.topic === last.topic);
    return sameTopic.find((e) => e.aspect?.includes(aspect)) ?? sameTopic.find((e) => !e.aspect);
  }

  private answer(entry: Entry, lang: string): Reply {
    const text = entry.text[lang]!;
    const profile = this.profiles.get(lang)!;
    const guided = this.kb.bot.guidedTopics.includes(entry.topic) ? [this.guidedButton(lang)] : [];
    return this.reply(lang, 'answer', renderDates(text.answer, profile.intlLocale), {
      answerId: entry.id,
      quickReplies: [
        ...this.buttonsFor(entry.related, lang),
        ...guided,
        { label: this.t(lang, 'quick.menu'), payload: PAYLOAD.menu },
      ],
      source: this.sourceLabel(lang, entry.source),
    });
  }

  private placeReply(place: PlaceMatch, lang: string): Reply {
    const asOf = renderDates(
      `{{date:${this.kb.municipalities.asOf}}}`,
      this.profiles.get(lang)!.intlLocale,
    );
    const source = this.sourceLabel(lang, 'municipalities', { asOf });
    const prefName = (p: { ja: string; names: Record<string, string> }) =>
      lang === 'ja' ? p.ja : `${p.names[lang] ?? p.ja} (${p.ja})`;
    const related = this.buttonsFor(['national.list'], lang);
    if (place.type === 'municipality') {
      const m = place.municipality;
      const name = lang === 'ja' ? m.ja : `${m.romaji} (${m.ja})`;
      const text = this.t(lang, 'lookup.listed', {
        name,
        prefecture: prefName(place.prefecture),
        asOf,
      });
      return this.reply(lang, 'lookup', text, {
        answerId: `municipality:${m.ja}`,
        source,
        quickReplies: related,
      });
    }
    if (place.type === 'unlisted') {
      const text = this.t(lang, 'lookup.unlisted', { name: place.name });
      return this.reply(lang, 'lookup', text, {
        answerId: 'national.list',
        source,
        quickReplies: related,
      });
    }
    const override = this.kb.bot.prefectureAnswers[place.prefecture.ja];
    if (override && this.entries.has(override))
      return this.answer(this.entries.get(override)!, lang);
    const list = this.places.listOf(place.prefecture).map((m) => (lang === 'ja' ? m.ja : m.romaji));
    const text = list.length
      ? this.t(lang, 'lookup.prefecture', {
          prefecture: prefName(place.prefecture),
          list: list.join(lang === 'ja' ? '、' : ', '),
        })
      : this.t(lang, 'lookup.prefectureNone', { prefecture: prefName(place.prefecture) });
    return this.reply(lang, 'lookup', text, {
      answerId: 'national.list',
      source,
      quickReplies: related,
    });
  }

  private clarify(candidates: Candidate[], lang: string): Reply {
    const quickReplies = this.buttonsFor(
      candidates.map((c) => c.entryId),
      lang,
    );
    quickReplies.push({ label: this.t(lang, 'quick.other'), payload: PAYLOAD.menu });
    return this.reply(lang, 'clarify', this.t(lang, 'bot.clarify'), { quickReplies });
  }

  /**
   * The "I don't know" reply with the human contact and the topic menu; a candidate that came
   * close is offered first as a button, so a resident can still reach it in one tap.
   */
  private fallback(lang: string, near?: Candidate): Reply {
    const suggestion = near ? this.buttonsFor([near.entryId], lang) : [];
    return this.reply(lang, 'fallback', this.t(lang, 'bot.fallback', { ...this.kb.bot.contact }), {
      quickReplies: [
        ...suggestion,
        ...this.menu(lang).filter((q) => q.payload !== suggestion[0]?.payload),
      ],
    });
  }

  private smalltalkReply(lang: string, kind: 'greeting' | 'thanks' | 'bye'): Reply {
    const text = this.t(lang, `bot.${kind}`, { ...this.kb.bot.contact });
    return this.reply(lang, 'smalltalk', text, {
      quickReplies: kind === 'bye' ? [] : this.menu(lang),
    });
  }

  private menuReply(lang: string): Reply {
    return this.reply(lang, 'menu', this.t(lang, 'bot.menu'), { quickReplies: this.menu(lang) });
  }

  private switchReply(lang: string): Reply {
    return this.reply(lang, 'language', this.t(lang, 'bot.languageSwitched'), {
      quickReplies: this.menu(lang),
    });
  }

  private menu(lang: string): QuickReply[] {
    return [this.guidedButton(lang), ...this.buttonsFor(this.kb.bot.menu, lang)];
  }

  /** One "answer:<id>" button per existing entry, labelled with its title. */
  private buttonsFor(ids: readonly string[], lang: string): QuickReply[] {
    return ids
      .map((id) => this.entries.get(id))
      .filter((e): e is Entry => e !== undefined)
      .map((e) => ({ label: e.text[lang]!.title, payload: PAYLOAD.answer(e.id) }));
  }

  /** "Source: …" in the reply's language, for a source key of the locales. */
  private sourceLabel(lang: string, key: string, vars: Record<string, string> = {}): string {
    return this.t(lang, 'source.label', { source: this.t(lang, `source.${key}`, vars) });
  }

  private guidedButton(lang: string): QuickReply {
    return { label: this.t(lang, 'quick.guided'), payload: PAYLOAD.guided() };
  }

  private reply(
    lang: string,
    kind: ReplyKind,
    text: string,
    extra: Partial<Pick<Reply, 'answerId' | 'quickReplies' | 'source'>> = {},
  ): Reply {
    return { lang, kind, text, answerId: null, quickReplies: [], source: null, ...extra };
  }
}

/** The language with the most evidence, if any has some. */
function leading(scores: Record<string, number>): string | undefined {
  const [best] = Object.entries(scores).sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : undefined;
}
