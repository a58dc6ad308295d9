import type { Aspect, LanguageProfile } from '../../knowledge/schema';
import type { Analyzer } from '../text/analyzer';
import { fold } from '../text/normalize';

export type SmalltalkKind = 'greeting' | 'thanks' | 'bye' | 'help';
const SMALLTALK_ORDER: SmalltalkKind[] = ['help', 'thanks', 'bye', 'greeting'];

function longestFirst(words: readonly string[]): string[] {
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

/** Strips punctuation and symbols so "Thanks!!" and "thanks" compare equal. */
function stripPunctuation(folded: string): string {
  return folded
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function removePhrases(text: string, phrases: readonly string[]): { rest: string; found: boolean } {
  let rest = ` ${text} `;
  let found = false;
  for (const p of phrases) {
    const needle = /[\p{Script=Latin}]/u.test(p) ? ` ${p} ` : p;
    while (rest.includes(needle)) {
      rest = rest.replace(needle, ' ');
      found = true;
    }
  }
  return { rest: rest.trim(), found };
}

/**
 * Conversation moves recognised from the language profiles' word lists: small talk,
 * language switches and follow-up aspects. Pure data lookups, no scoring.
 */
export class IntentRecognizer {
  private readonly smalltalk = new Map<SmalltalkKind, string[]>();
  private readonly switches = new Map<string, string>();
  private readonly aspects: Array<{ aspect: Aspect; phrases: string[] }> = [];
  private readonly lookup: string[];
  private readonly hints: string[];
  private readonly guided: string[];
  private readonly stopwords = new Map<string, Set<string>>();
  /** The last message's bare form: a turn asks about one message several times. */
  private last = { text: '', bare: '' };

  /**
   * @param analyzer rewrites phrases the same way as for matching, so a follow-up "ở đâu?" and the
   *   aspect word list meet in one spelling.
   */
  constructor(
    profiles: readonly LanguageProfile[],
    private readonly analyzer: Analyzer,
  ) {
    const prep = (words: readonly string[]) =>
      longestFirst(words.map((w) => this.bare(w)).filter(Boolean));
    for (const kind of SMALLTALK_ORDER) {
      this.smalltalk.set(kind, prep(profiles.flatMap((p) => p.smalltalk[kind])));
    }
    for (const p of profiles) {
      for (const w of p.switchWords) this.switches.set(stripPunctuation(fold(w)), p.code);
      this.stopwords.set(p.code, new Set([...p.stopwords, ...p.fillers].map(fold)));
    }
    const byAspect = new Map<Aspect, string[]>();
    for (const p of profiles)
      for (const [aspect, words] of Object.entries(p.aspects) as Array<[Aspect, string[]]>)
        byAspect.set(aspect, [...(byAspect.get(aspect) ?? []), ...words]);
    for (const [aspect, words] of byAspect) this.aspects.push({ aspect, phrases: prep(words) });
    this.lookup = prep(profiles.flatMap((p) => p.lookupWords));
    this.hints = prep(profiles.flatMap((p) => p.lookupHints));
    this.guided = prep(profiles.flatMap((p) => p.smalltalk.guided));
  }

  /** A message folded, with phrases rewritten as for matching, and without punctuation. */
  private bare(text: string): string {
    if (text !== this.last.text)
      this.last = { text, bare: stripPunctuation(fold(this.analyzer.prepare(text))) };
    return this.last.bare;
  }

  /** The language a message asks to switch to, when the message is only a language's name. */
  languageSwitch(text: string): string | undefined {
    return this.switches.get(stripPunctuation(fold(text)));
  }

  /** Small talk when the message is nothing but greetings, thanks, goodbyes or a request for the menu. */
  smalltalkOf(text: string, lang: string): SmalltalkKind | undefined {
    let rest = this.bare(text);
    const found: SmalltalkKind[] = [];
    for (const kind of SMALLTALK_ORDER) {
      const r = removePhrases(rest, this.smalltalk.get(kind) ?? []);
      if (r.found) {
        found.push(kind);
        rest = r.rest;
      }
    }
    if (found.length === 0 || this.contentWords(rest, lang).length > 0) return undefined;
    return SMALLTALK_ORDER.find((k) => found.includes(k));
  }

  /** True when the message only says "I need a job" (in any language): the guided conversation starts. */
  asksGuidance(text: string, lang: string): boolean {
    const r = removePhrases(this.bare(text), this.guided);
    return r.found && this.contentWords(r.rest, lang).length === 0;
  }

  /** The aspect a message asks about ("where?" → place) and the words left once aspect words are removed. */
  aspectOf(text: string, lang: string): { aspect: Aspect | undefined; rest: string[] } {
    let rest = this.bare(text);
    let aspect: Aspect | undefined;
    for (const { aspect: a, phrases } of this.aspects) {
      const r = removePhrases(rest, phrases);
      if (r.found) {
        aspect ??= a;
        rest = r.rest;
      }
    }
    return { aspect, rest: this.contentWords(rest, lang) };
  }

  /** True when the message asks whether a place has signed or is listed. */
  asksLookup(text: string): boolean {
    return this.mentions(text, this.lookup);
  }

  /** True when the message has a word that hints at a lookup ("協定", "acordo", "has"). */
  hintsLookup(text: string): boolean {
    return this.mentions(text, this.hints);
  }

  private mentions(text: string, words: readonly string[]): boolean {
    const b = ` ${this.bare(text)} `;
    return words.some((w) =>
      /[\p{Script=Latin}]/u.test(w) ? b.includes(` ${w} `) : b.includes(w),
    );
  }

  private contentWords(text: string, lang: string): string[] {
    const stop = this.stopwords.get(lang) ?? new Set();
    return text.split(/\s+/).filter((w) => w && !stop.has(w));
  }
}
