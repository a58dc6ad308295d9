import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../src/runtime/paths';

const PORT = 38000 + Math.floor(Math.random() * 1000);
const URL_ = `http://127.0.0.1:${PORT}`;

async function ask(text: string): Promise<number> {
  const res = await fetch(`${URL_}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  await res.text();
  return res.status;
}

/**
 * The built server (npm test builds it first) as its own process, stopped with SIGTERM
 * while requests are in flight: every request it accepted is answered, and it exits cleanly.
 */
describe('graceful shutdown', () => {
  it('finishes the requests in flight on SIGTERM, loses none, and exits with 0', async () => {
    const child = fork(join(ROOT, 'dist', 'src', 'main.js'), [], {
      env: {
        ...process.env,
        PORT: String(PORT),
        HOST: '127.0.0.1',
        RATE_LIMIT_PER_MINUTE: '0',
        LOG_LEVEL: 'silent',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'koyo-shutdown-')),
      },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    for (let i = 0; i < 200; i++) {
      if (await ask('hello').catch(() => 0)) break;
      await new Promise((r) => setTimeout(r, 50));
    }

    const inFlight = Array.from({ length: 200 }, (_, i) =>
      ask(`when is the ceremony? ${i}`).catch(() => -1),
    );
    await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGTERM');
    const statuses = await Promise.all(inFlight);

    // A request either was accepted and answered 200, or was refused before it was accepted.
    const refused = statuses.filter((s) => s === -1).length;
    expect(statuses.filter((s) => s !== 200 && s !== -1)).toEqual([]);
    expect(statuses.length - refused).toBeGreaterThan(0);
    expect(await exited).toBe(0);
  }, 30_000);
});
