/**
 * `npm run bench`: speed and memory, always against a baseline measured in the same run
 * (this machine is shared and noisy: medians and ratios, not single absolute times).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Fuse from 'fuse.js';
import { randomUUID } from 'node:crypto';
import { createBot } from '../src/bot/botkit/create-bot';
import { BoundedMemoryStorage } from '../src/bot/session-store';
import { Engine } from '../src/engine/engine';
import { createLogger } from '../src/logger';
import type { KnowledgeBase } from '../src/knowledge/load';
import { loadEngine } from '../src/runtime/load-engine';
import { ROOT } from '../src/runtime/paths';
import { readEvalSet, type EvalItem } from '../test/eval/dev-set';
import { load, startServer, stop, type LoadResult } from './http';
import { ms, summarize, timeEach } from './stats';
import { growKnowledge } from './synthetic';

const out = (line = '') => process.stdout.write(`${line}\n`);
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 5);

function accuracy(items: EvalItem[], pick: (item: EvalItem) => string | null): number {
  const inScope = items.filter((i) => i.expected !== null && !i.previous);
  return (100 * inScope.filter((i) => pick(i) === i.expected).length) / inScope.length;
}

function naive(kb: KnowledgeBase): (text: string) => string | null {
  const docs = kb.entries.flatMap((e) =>
    Object.values(e.text).map((t) => ({ id: e.id, text: t.answer })),
  );
  const fuse = new Fuse(docs, { keys: ['text'] });
  return (text) => fuse.search(text)[0]?.item.id ?? null;
}

function engineSection(
  kb: KnowledgeBase,
  t: ReturnType<typeof loadEngine>['t'],
  items: EvalItem[],
): void {
  out('## Engine: per-question latency, warm, in process');
  out();
  out(
    '| knowledge base | system | build | mean | p50 | p99 | top-1 (in scope, no follow-ups) | questions timed |',
  );
  out('|---|---|---|---|---|---|---|---|');
  const texts = items.map((i) => i.text);
  for (const size of [kb.entries.length, 1000, 10000]) {
    const grown = size === kb.entries.length ? kb : growKnowledge(kb, size);
    let t0 = performance.now();
    const engine = new Engine(grown, t);
    const buildEngine = performance.now() - t0;
    const bot = summarize(timeEach(texts, (text) => engine.respond({ text }), size > 1000 ? 1 : 3));
    const botAcc = accuracy(items, (i) => engine.respond({ text: i.text }).reply.answerId);
    t0 = performance.now();
    const baseline = naive(grown);
    const buildNaive = performance.now() - t0;
    const naiveTexts = size > 1000 ? texts.slice(0, 60) : texts;
    const base = summarize(timeEach(naiveTexts, baseline, 1));
    const naiveItems = size > 1000 ? items.slice(0, 60) : items;
    const baseAcc = accuracy(naiveItems, (i) => baseline(i.text));
    out(
      `| ${size} entries | koyo-bot | ${ms(buildEngine)} | ${ms(bot.mean)} | ${ms(bot.p50)} | ${ms(bot.p99)} | ${botAcc.toFixed(1)} % | ${bot.n} |`,
    );
    out(
      `| ${size} entries | naive fuse.js | ${ms(buildNaive)} | ${ms(base.mean)} | ${ms(base.p50)} | ${ms(base.p99)} | ${baseAcc.toFixed(1)} % | ${base.n} |`,
    );
    out(
      `| ${size} entries | ratio | | **${(base.mean / bot.mean).toFixed(0)}× faster** | ${(base.p50 / bot.p50).toFixed(0)}× | ${(base.p99 / bot.p99).toFixed(0)}× | | |`,
    );
  }
  out();
}

async function stagesSection(items: EvalItem[]): Promise<void> {
  const { engine, kb, t } = loadEngine();
  const bot = createBot({
    engine: { current: engine },
    storage: new BoundedMemoryStorage({ maxEntries: 100_000, idleMs: 3_600_000 }),
    logger: createLogger('silent'),
    t,
    contact: kb.bot.contact,
  });
  const texts = items.slice(0, 200).map((i) => i.text);
  const engineOnly = summarize(timeEach(texts, (text) => engine.respond({ text }), 3));
  const turns: number[] = [];
  for (let r = 0; r < 3; r++) {
    for (const text of texts) {
      const t0 = process.hrtime.bigint();
      await bot.ask({ type: 'message', user: randomUUID(), text });
      turns.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  const turn = summarize(turns);
  await bot.shutdown();
  out('## Where a turn goes (in process, same questions)');
  out();
  out('| stage | mean | p50 | p99 |');
  out('|---|---|---|---|');
  out(
    `| engine.respond (language, matching, reply) | ${ms(engineOnly.mean)} | ${ms(engineOnly.p50)} | ${ms(engineOnly.p99)} |`,
  );
  out(
    `| botkit turn (controller, dialog state, storage) incl. engine | ${ms(turn.mean)} | ${ms(turn.p50)} | ${ms(turn.p99)} |`,
  );
  out(`| botkit overhead alone | ${ms(turn.mean - engineOnly.mean)} | | |`);
  out();
}

async function httpSection(items: EvalItem[]): Promise<void> {
  const questions = items.slice(0, 50).map((i) => i.text);
  const bare = await startServer('dist/bench/bare-server.js', 38111);
  const bot = await startServer('dist/src/main.js', 38112);
  const rows: LoadResult[] = [];
  for (const connections of [10, 50]) {
    rows.push(await load('bare express echo', bare.url, connections, questions, HTTP_SECONDS));
    rows.push(await load('koyo-bot POST /api/chat', bot.url, connections, questions, HTTP_SECONDS));
  }
  const rssAfterLoad = bot.rss();
  await stop(bare);
  await stop(bot);
  out(
    `## HTTP: autocannon from this process against two server processes on 127.0.0.1, ${HTTP_SECONDS} s each`,
  );
  out();
  out('| server | connections | requests/s | p50 | p99 | errors | non-2xx | share of bare |');
  out('|---|---|---|---|---|---|---|---|');
  for (let i = 0; i < rows.length; i += 2) {
    const [b, k] = [rows[i]!, rows[i + 1]!];
    out(
      `| ${b.name} | ${b.connections} | ${b.rps.toFixed(0)} | ${b.p50} ms | ${b.p99} ms | ${b.errors} | ${b.non2xx} | 100 % |`,
    );
    out(
      `| ${k.name} | ${k.connections} | ${k.rps.toFixed(0)} | ${k.p50} ms | ${k.p99} ms | ${k.errors} | ${k.non2xx} | **${((100 * k.rps) / b.rps).toFixed(0)} %** |`,
    );
  }
  out();
  out('## Start-up and memory');
  out();
  out('| process | start to first answered request | RSS after start | RSS after the load |');
  out('|---|---|---|---|');
  out(`| bare express | ${bare.startMs.toFixed(0)} ms | ${bare.rssAfterStart.toFixed(0)} MB | |`);
  out(
    `| koyo-bot | ${bot.startMs.toFixed(0)} ms | ${bot.rssAfterStart.toFixed(0)} MB | ${rssAfterLoad.toFixed(0)} MB |`,
  );
  out();
}

function widgetSection(): void {
  const dir = join(ROOT, 'src', 'channels', 'web', 'public');
  const gz = (...files: string[]) =>
    gzipSync(Buffer.concat(files.map((f) => readFileSync(join(dir, f)))), { level: 9 }).length;
  const page = gz('chat.js', 'chat.css');
  const embed = gz('embed.js');
  out('## Widget sizes (gzip -9)');
  out();
  out('| asset | size | target |');
  out('|---|---|---|');
  out(
    `| chat page JS + CSS | ${(page / 1024).toFixed(1)} KB | < 20 KB ${page < 20480 ? '✓' : '✗'} |`,
  );
  out(`| /embed.js | ${embed} B | < 2048 B ${embed < 2048 ? '✓' : '✗'} |`);
  out();
}

async function main(): Promise<void> {
  const { kb, t } = loadEngine();
  const items = readEvalSet();
  out(`# koyo-bot benchmark (${new Date().toISOString()}, Node ${process.version})`);
  out();
  engineSection(kb, t, items);
  await stagesSection(items);
  if (process.env.BENCH_SKIP_HTTP !== '1') await httpSection(items);
  widgetSection();
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
