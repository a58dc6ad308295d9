/**
 * `npm run eval`: the bot beside the naive fuse.js baseline, per language, on the development
 * sets (dev: the set; dev2: 400 more, written blind, then read while building; dev3: 240
 * long messages and dev4: 400 more, each written blind, then read) and on the four held-out sets (written blind to the
 * knowledge base and never used for tuning).
 *   npm run eval -- [FILE.jsonl]   one set only
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../src/runtime/paths';
import { loadEngine } from '../../src/runtime/load-engine';
import { readEvalSet } from './dev-set';
import { botSystem, naiveFuseSystem, pct, score, type LanguageScore } from './evaluate';

const TARGETS = { top1: 97, refused: 95, wrong: 2 };

function row(name: string, s: LanguageScore): string {
  const f = (n: number) => `${n.toFixed(1)} %`;
  return `| ${name} | ${s.lang} | ${s.correct}/${s.inScope} = ${f(pct(s.correct, s.inScope))} | ${s.refused}/${s.outOfScope} = ${f(pct(s.refused, s.outOfScope))} | ${s.confidentlyWrong}/${s.total} = ${f(pct(s.confidentlyWrong, s.total))} |`;
}

const { engine, kb } = loadEngine();
const sets = process.argv[2]
  ? [process.argv[2]]
  : [
      'dev-set.jsonl',
      'dev2-set.jsonl',
      'dev3-set.jsonl',
      'dev4-set.jsonl',
      'holdout-set.jsonl',
      'holdout2-set.jsonl',
      'holdout3-set.jsonl',
      'holdout4-set.jsonl',
    ]
      .map((f) => join(ROOT, 'test', 'eval', f))
      .filter((f) => existsSync(f));
const out: string[] = [
  `Targets: top-1 ≥ ${TARGETS.top1} %, out-of-scope refused ≥ ${TARGETS.refused} %, confidently wrong ≤ ${TARGETS.wrong} %.`,
];
for (const file of sets) {
  const items = readEvalSet(file);
  const bot = score(items, botSystem(engine));
  const naive = score(items, naiveFuseSystem(kb));
  const missed = bot.filter(
    (s) =>
      pct(s.correct, s.inScope) < TARGETS.top1 ||
      pct(s.refused, s.outOfScope) < TARGETS.refused ||
      pct(s.confidentlyWrong, s.total) > TARGETS.wrong,
  );
  out.push(
    '',
    `## ${file.split('/').pop()}: ${items.length} questions`,
    '',
    '| system | lang | top-1 (in scope) | out-of-scope refused | confidently wrong |',
    '|---|---|---|---|---|',
    ...bot.map((s) => row('koyo-bot', s)),
    ...naive.map((s) => row('naive fuse.js', s)),
    '',
    missed.length
      ? `Targets missed in: ${missed.map((s) => s.lang).join(', ')}`
      : 'All targets met.',
  );
}
process.stdout.write(`${out.join('\n')}\n`);
