import { join } from 'node:path';
import { loadEngine } from '../../src/runtime/load-engine';
import { ROOT } from '../../src/runtime/paths';
import { readEvalSet } from './dev-set';
import { botSystem, naiveFuseSystem, pct, score } from './evaluate';

type Floors = Record<string, { top1: number; refused: number; wrong: number }>;

/**
 * A ratchet on the development sets: the bot must stay at or above what it measured when these
 * floors were last raised, so a knowledge or engine change cannot silently break answers.
 * The targets (top-1 ≥ 97 %, out-of-scope refused ≥ 95 %, confidently wrong ≤ 2 %)
 * are not all met yet; raise these floors as the bot improves, never lower them to pass.
 */
/**
 * Per set: the least questions per language, the floors, and whether the bot must also make
 * fewer confident mistakes than the naive baseline. On long Japanese messages the baseline
 * answers almost nothing (1 of 50 right), so it is wrong less often only by not answering.
 */
const SETS: Record<string, { perLanguage: number; floors: Floors; fewerMistakes: boolean }> = {
  'dev-set.jsonl': {
    perLanguage: 100,
    fewerMistakes: true,
    floors: {
      ja: { top1: 98, refused: 96, wrong: 1 },
      en: { top1: 98, refused: 96, wrong: 1 },
      pt: { top1: 98, refused: 96, wrong: 1 },
      vi: { top1: 97.5, refused: 96, wrong: 1 },
    },
  },
  'dev2-set.jsonl': {
    perLanguage: 100,
    fewerMistakes: true,
    floors: {
      ja: { top1: 96, refused: 95, wrong: 1.5 },
      en: { top1: 93.5, refused: 95, wrong: 1.5 },
      pt: { top1: 97, refused: 95, wrong: 1.5 },
      vi: { top1: 96, refused: 95, wrong: 1.5 },
    },
  },
  // Long messages only: a story around one question (and 10 out-of-scope stories per language).
  'dev3-set.jsonl': {
    perLanguage: 60,
    fewerMistakes: false,
    floors: {
      ja: { top1: 81.5, refused: 100, wrong: 5 },
      en: { top1: 87.5, refused: 100, wrong: 3.5 },
      pt: { top1: 89.5, refused: 100, wrong: 2 },
      vi: { top1: 79.5, refused: 90, wrong: 7 },
    },
  },
  'dev4-set.jsonl': {
    perLanguage: 100,
    fewerMistakes: true,
    floors: {
      ja: { top1: 90, refused: 95, wrong: 3 },
      en: { top1: 92.5, refused: 95, wrong: 1 },
      pt: { top1: 93.5, refused: 93.5, wrong: 4 },
      vi: { top1: 89, refused: 95, wrong: 4 },
    },
  },
};

const { engine, kb } = loadEngine();

describe.each(Object.entries(SETS))(
  'evaluation on %s',
  (file, { perLanguage, floors, fewerMistakes }) => {
    const items = readEvalSet(join(ROOT, 'test', 'eval', file));
    const bot = score(items, botSystem(engine));

    it(`has at least ${perLanguage} questions per language and 15 % out of scope`, () => {
      for (const s of bot) {
        expect(s.total).toBeGreaterThanOrEqual(perLanguage);
        expect(pct(s.outOfScope, s.total)).toBeGreaterThanOrEqual(15);
      }
    });

    it.each(Object.keys(floors))('keeps %s at or above its floor', (lang) => {
      const s = bot.find((x) => x.lang === lang)!;
      const floor = floors[lang]!;
      expect(pct(s.correct, s.inScope)).toBeGreaterThanOrEqual(floor.top1);
      expect(pct(s.refused, s.outOfScope)).toBeGreaterThanOrEqual(floor.refused);
      expect(pct(s.confidentlyWrong, s.total)).toBeLessThanOrEqual(floor.wrong);
    });

    it('beats the naive fuse.js baseline in every language on top-1 and on confident mistakes', () => {
      const naive = score(items, naiveFuseSystem(kb));
      for (const s of bot) {
        const n = naive.find((x) => x.lang === s.lang)!;
        expect(s.correct).toBeGreaterThan(n.correct);
        if (fewerMistakes) expect(s.confidentlyWrong).toBeLessThan(n.confidentlyWrong);
        // Either way, its answers are right far more often than wrong.
        expect(s.correct - s.confidentlyWrong).toBeGreaterThan(n.correct - n.confidentlyWrong);
      }
    });
  },
);
