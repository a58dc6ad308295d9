/**
 * `npm run soak`: several minutes of load on a server process, sampling its memory, to show
 * whether memory stays flat (SOAK_MINUTES, default 3). Every request opens a new session, so the
 * bounded session store is exercised at its cap.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { readEvalSet } from '../test/eval/dev-set';
import { startServer, stop } from './http';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 3);
const CHUNK_SECONDS = 15;

async function main(): Promise<void> {
  const questions = readEvalSet().map((i) => i.text);
  const server = await startServer('dist/src/main.js', 38113);
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out(`# Soak: ${MINUTES} min at 20 connections, every request a new session`);
  out();
  out('| minute | requests/s | errors | non-2xx | RSS |');
  out('|---|---|---|---|---|');
  const samples: number[] = [];
  const chunks = Math.max(1, Math.round((MINUTES * 60) / CHUNK_SECONDS));
  for (let i = 0; i < chunks; i++) {
    const result = await autocannon({
      url: `${server.url}/api/chat`,
      connections: 20,
      duration: CHUNK_SECONDS,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({
              text: questions[Math.floor(Math.random() * questions.length)],
              sessionId: randomUUID(),
            }),
          }),
        },
      ],
    });
    const rss = server.rss();
    samples.push(rss);
    out(
      `| ${(((i + 1) * CHUNK_SECONDS) / 60).toFixed(2)} | ${result.requests.average.toFixed(0)} | ${result.errors} | ${result.non2xx} | ${rss.toFixed(0)} MB |`,
    );
  }
  await stop(server);
  const third = Math.max(1, Math.floor(samples.length / 3));
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const early = mean(
    samples.slice(third, 2 * third).length ? samples.slice(third, 2 * third) : samples,
  );
  const late = mean(samples.slice(-third));
  const growth = (100 * (late - early)) / early;
  out();
  out(
    `Memory ${Math.abs(growth) < 10 ? 'is flat' : 'is NOT flat'}: middle third ${early.toFixed(0)} MB, last third ${late.toFixed(0)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %).`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`soak failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
