import type { KnowledgeBase } from '../src/knowledge/load';
import type { Entry } from '../src/knowledge/schema';

/** A deterministic pseudo-random generator, so every run grows the same knowledge base. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SYLLABLES = [
  'ka',
  'ro',
  'mi',
  'ten',
  'sul',
  'bra',
  'vo',
  'quen',
  'dor',
  'lim',
  'pha',
  'ngu',
  'tri',
  'esp',
  'zal',
];
const KANJI = [...'山川田町村森林海空花鳥風月雪星光道橋港駅園館堂寺社宮島原野谷沢岩石金銀'];

function word(r: () => number): string {
  const n = 2 + Math.floor(r() * 2);
  let w = '';
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
  return w;
}

function phrase(r: () => number, lang: string, words: number): string {
  if (lang === 'ja')
    return (
      Array.from({ length: words + 2 }, () => KANJI[Math.floor(r() * KANJI.length)]).join('') +
      'について'
    );
  return Array.from({ length: words }, () => word(r)).join(' ');
}

/**
 * Grows the knowledge base to `size` entries with synthetic distractors: entries shaped like
 * the real ones (title, answer, questions, keywords in every language) but about made-up
 * topics, so the real questions still have one right answer and search cost is measured at scale.
 */
export function growKnowledge(kb: KnowledgeBase, size: number, seed = 42): KnowledgeBase {
  const r = rng(seed);
  const codes = kb.languages.map((l) => l.code);
  const extra: Entry[] = [];
  for (let i = kb.entries.length; i < size; i++) {
    const text = Object.fromEntries(
      codes.map((lang) => [
        lang,
        {
          title: phrase(r, lang, 2),
          answer: phrase(r, lang, 12),
          questions: Array.from({ length: 8 }, () => phrase(r, lang, 4)),
          keywords: Array.from({ length: 4 }, () => phrase(r, lang, 1)),
        },
      ]),
    );
    extra.push({
      id: `synthetic.e${i}`,
      topic: `synthetic-${i % 50}`,
      source: 'press-release',
      related: [],
      text,
    });
  }
  return { ...kb, entries: [...kb.entries, ...extra] };
}
