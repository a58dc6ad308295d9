/** `npm run eval`: the bot beside the naive fuse.js baseline on the development set, per language. */
import { loadEngine } from '../../src/runtime/load-engine';
import { readEvalSet } from './dev-set';
import { botSystem, naiveFuseSystem, pct, score, type LanguageScore } from './evaluate';

const TARGETS = { top1: 97, refused: 95, wrong: 2 };

function row(name: string, s: LanguageScore): string {
  const f = (n: number) => `${n.toFixed(1)} %`;
  return `| ${name} | ${s.lang} | ${s.correct}/${s.inScope} = ${f(pct(s.correct, s.inScope))} | ${s.refused}/${s.outOfScope} = ${f(pct(s.refused, s.outOfScope))} | ${s.confidentlyWrong}/${s.total} = ${f(pct(s.confidentlyWrong, s.total))} |`;
}

const { engine, kb } = loadEngine();
const items = readEvalSet(process.argv[2]);
const bot = score(items, botSystem(engine));
const naive = score(items, naiveFuseSystem(kb));
const lines = [
  `Development set: ${items.length} questions. Targets: top-1 ≥ ${TARGETS.top1} %, out-of-scope refused ≥ ${TARGETS.refused} %, confidently wrong ≤ ${TARGETS.wrong} %.`,
  '',
  '| system | lang | top-1 (in scope) | out-of-scope refused | confidently wrong |',
  '|---|---|---|---|---|',
  ...bot.map((s) => row('koyo-bot', s)),
  ...naive.map((s) => row('naive fuse.js', s)),
];
process.stdout.write(`${lines.join('\n')}\n`);
const missed = bot.filter(
  (s) =>
    pct(s.correct, s.inScope) < TARGETS.top1 ||
    pct(s.refused, s.outOfScope) < TARGETS.refused ||
    pct(s.confidentlyWrong, s.total) > TARGETS.wrong,
);
if (missed.length)
  process.stdout.write(`\nTargets missed in: ${missed.map((s) => s.lang).join(', ')}\n`);
