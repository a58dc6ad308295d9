import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { closeGracefully } from '../../src/channels/web/server';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { buildRuntime, type Runtime } from '../../src/runtime/build';

/** The temporary DATA_DIR of each runtime built here, removed by close(). */
const dataDirs = new WeakMap<object, string>();

/**
 * The whole runtime (knowledge → engine → bot → app → server) built in memory, the way main.ts
 * builds it, but from an env object instead of process.env and with a silent logger.
 * The rate limit is off unless a test asks for one, so a test's own requests do not trip it;
 * DATA_DIR (the unanswered-questions log) is a fresh temporary folder, never the repository's.
 * A test that wants to read the logs passes its own logger.
 */
export function buildTestRuntime(
  env: Record<string, string> = {},
  logger: Logger = createLogger('silent'),
): Runtime {
  const dataDir = mkdtempSync(join(tmpdir(), 'koyo-test-data-'));
  const config = loadConfig({
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    ...env,
  });
  const runtime = buildRuntime(config, logger);
  dataDirs.set(runtime.server, dataDir);
  return runtime;
}

/** A pino logger that keeps what it logs (error and above by default) for a test to inspect. */
export function capturingLogger(level = 'error'): { logger: Logger; lines: () => LogLine[] } {
  const raw: string[] = [];
  const logger = pino({ level }, { write: (line: string) => void raw.push(line) });
  return { logger, lines: () => raw.map((l) => JSON.parse(l) as LogLine) };
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface Listening {
  port: number;
  /** http://127.0.0.1:port */
  httpUrl: string;
  /** ws://127.0.0.1:port/ws */
  wsUrl: string;
}

/** Starts the runtime's server on 127.0.0.1 and a free port (for websocket tests). */
export function listen(runtime: Pick<Runtime, 'server'>): Promise<Listening> {
  const { server } = runtime;
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', onError);
      const { port } = server.address() as AddressInfo;
      resolve({ port, httpUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/ws` });
    });
  });
}

/**
 * Closes the runtime as main.ts does on SIGTERM: the server (listening or not), the bot's
 * websocket server, its sockets and its heartbeat; then waits for the unanswered-questions log
 * and removes the temporary DATA_DIR. Every test file calls it so jest exits by itself.
 */
export async function close(
  runtime: Pick<Runtime, 'server' | 'bot'> & Partial<Pick<Runtime, 'unanswered' | 'live'>>,
): Promise<void> {
  await closeGracefully(runtime.server, runtime.bot, 2_000);
  runtime.live?.close();
  await runtime.unanswered?.flush();
  const dataDir = dataDirs.get(runtime.server);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
