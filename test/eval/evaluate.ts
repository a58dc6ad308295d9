import Fuse from 'fuse.js';
import type { Engine } from '../../src/engine/engine';
import type { KnowledgeBase } from '../../src/knowledge/load';
import type { EvalItem } from './dev-set';

/** What a system did with one question: an answer id, or null for "I don't know". */
export interface Outcome {
  answerId: string | null;
  /** True when the system committed to an answer (not a fallback or a clarifying question). */
  answered: boolean;
}

export type System = (item: EvalItem) => Outcome;

export interface LanguageScore {
  lang: string;
  inScope: number;
  correct: number;
  outOfScope: number;
  refused: number;
  confidentlyWrong: number;
  total: number;
}

/** The bot as residents meet it: follow-ups are asked after their previous question in one conversation. */
export function botSystem(engine: Engine): System {
  return (item) => {
    let state = {};
    if (item.previous) state = engine.respond({ text: item.previous }, state).state;
    const { reply } = engine.respond({ text: item.text }, state);
    const answered = reply.kind === 'answer' || reply.kind === 'lookup';
    return { answerId: answered ? reply.answerId : null, answered };
  };
}

/** The naive baseline: fuse.js with default options over every answer text in every language. */
export function naiveFuseSystem(kb: KnowledgeBase): System {
  const docs = kb.entries.flatMap((e) =>
    Object.values(e.text).map((t) => ({ id: e.id, text: t.answer })),
  );
  const fuse = new Fuse(docs, { keys: ['text'] });
  return (item) => {
    const top = fuse.search(item.text)[0];
    return top ? { answerId: top.item.id, answered: true } : { answerId: null, answered: false };
  };
}

export function score(items: readonly EvalItem[], system: System): LanguageScore[] {
  const byLang = new Map<string, LanguageScore>();
  for (const item of items) {
    const s = byLang.get(item.lang) ?? {
      lang: item.lang,
      inScope: 0,
      correct: 0,
      outOfScope: 0,
      refused: 0,
      confidentlyWrong: 0,
      total: 0,
    };
    const outcome = system(item);
    s.total++;
    if (item.expected === null) {
      s.outOfScope++;
      if (!outcome.answered) s.refused++;
      else s.confidentlyWrong++;
    } else {
      s.inScope++;
      if (outcome.answered && outcome.answerId === item.expected) s.correct++;
      else if (outcome.answered) s.confidentlyWrong++;
    }
    byLang.set(item.lang, s);
  }
  return [...byLang.values()];
}

export const pct = (n: number, d: number): number => (d === 0 ? 0 : (100 * n) / d);
