import type { LanguageProfile } from '../../knowledge/schema';
import { isHiragana, toHiragana } from 'wanakana';
import { fold } from '../text/normalize';

export interface Detection {
  /** The detected language, or undefined when the text does not tell. */
  lang: string | undefined;
  scores: Record<string, number>;
}

interface CompiledProfile {
  code: string;
  scripts: RegExp | undefined;
  letters: Set<string>;
  words: Set<string>;
  pairs: Set<string>;
  romaji: boolean;
}

const SCRIPT_WEIGHT = 10;
const LETTER_WEIGHT = 3;
/** A character of a name that phrases rewrite (ハローワーク): still a hint, when nothing else tells. */
const NAME_SCRIPT_WEIGHT = 1;
const PAIR_WEIGHT = 2;
/** A detection needs this much evidence, and this lead over the runner-up, to override the session. */
const MIN_SCORE = 2;
const MIN_LEAD = 1;
/** How far another language must lead the conversation's own before the reply switches to it. */
const STICKY_LEAD = 3;

/**
 * Detects the language of a message from the profiles' data: writing system, letters only
 * one language uses, and typical words and word pairs (also without accents, so
 * "le ky ket o dau" reads as Vietnamese).
 */
export class LanguageDetector {
  private readonly profiles: CompiledProfile[];

  /** Words that phrase rewriting produces for one language only ("ở đâu" → odau): evidence for it. */
  private readonly phraseWords = new Map<string, string>();

  constructor(profiles: readonly LanguageProfile[]) {
    const owners = new Map<string, Set<string>>();
    for (const p of profiles)
      for (const to of Object.values(p.phrases))
        owners.set(fold(to), (owners.get(fold(to)) ?? new Set()).add(p.code));
    for (const [word, langs] of owners)
      if (langs.size === 1) this.phraseWords.set(word, [...langs][0]!);
    this.profiles = profiles.map((p) => {
      const words = p.detect.words.map(fold);
      return {
        code: p.code,
        scripts: p.detect.scripts.length
          ? new RegExp(p.detect.scripts.map((s) => `\\p{Script=${s}}`).join('|'), 'gu')
          : undefined,
        letters: new Set([...p.detect.letters.normalize('NFC').toLowerCase()]),
        words: new Set(words.filter((w) => !w.includes(' '))),
        pairs: new Set(words.filter((w) => w.includes(' '))),
        romaji: p.detect.romaji,
      };
    });
  }

  /**
   * @param prefer the conversation's language: it is kept unless another language leads it
   *   clearly, so one ambiguous word does not flip a resident's chosen language.
   * @param wordsText the text to read words from, when phrases were rewritten first ("hello work"
   *   is a name in every language, not English, and ハローワーク no Japanese); letters are read
   *   from `text`.
   */
  detect(text: string, prefer?: string, wordsText = text): Detection {
    const lower = text.normalize('NFC').toLowerCase();
    // A name rewritten to a term of every language (ハローワーク → hellowork) is weak evidence of
    // its script: "ハローワーク là gì?" is Vietnamese, "ハローワーク" alone still Japanese.
    const scriptText = wordsText.normalize('NFC').toLowerCase();
    const words = fold(wordsText).match(/[\p{L}\p{N}]+/gu) ?? [];
    const scores: Record<string, number> = {};
    for (const p of this.profiles) {
      let score = 0;
      if (p.scripts) {
        const own = scriptText.match(p.scripts)?.length ?? 0;
        const named = Math.max(0, (lower.match(p.scripts)?.length ?? 0) - own);
        score += own * SCRIPT_WEIGHT + named * NAME_SCRIPT_WEIGHT;
      }
      for (const ch of lower) if (p.letters.has(ch)) score += LETTER_WEIGHT;
      let wordHits = 0;
      words.forEach((w, i) => {
        if (p.words.has(w) || this.phraseWords.get(w) === p.code) wordHits += 1;
        const next = words[i + 1];
        if (next && p.pairs.has(`${w} ${next}`)) score += PAIR_WEIGHT;
      });
      score += wordHits;
      if (p.romaji && wordHits > 0 && readsAsRomaji(words)) score += words.length;
      scores[p.code] = score;
    }
    const lang = decide(scores);
    if (
      prefer &&
      lang &&
      lang !== prefer &&
      (scores[prefer] ?? 0) > 0 &&
      scores[lang]! - scores[prefer]! < STICKY_LEAD
    )
      return { lang: prefer, scores };
    return { lang, scores };
  }
}

function decide(scores: Record<string, number>): string | undefined {
  const ranked = Object.entries(scores).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || first[1] === 0) return undefined;
  const lead = first[1] - (second?.[1] ?? 0);
  if (first[1] >= MIN_SCORE && lead >= MIN_LEAD) return first[0];
  if (lead > 0 && (second?.[1] ?? 0) === 0) return first[0];
  return undefined;
}

/** True when every word of a Latin-letter message converts to kana: Japanese typed in romaji. */
function readsAsRomaji(words: readonly string[]): boolean {
  return words.length >= 2 && words.every((w) => /^[a-z]+$/.test(w) && isHiragana(toHiragana(w)));
}
