import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  LOG_FILE,
  ROTATED_FILE,
  UnansweredLog,
  type UnansweredRecord,
} from '../../src/insights/unanswered-log';
import { createLogger } from '../../src/logger';
import { buildTestRuntime, capturingLogger, close } from '../web/helpers';

const NOW = new Date('2025-10-08T02:00:00.000Z');

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'koyo-unanswered-'));
});
afterEach(() => {
  chmodSync(root, 0o700);
  rmSync(root, { recursive: true, force: true });
});

function lines(file: string): UnansweredRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as UnansweredRecord);
}

function newLog(
  options: { dir?: string; maxBytes?: number; logger?: ReturnType<typeof createLogger> } = {},
) {
  return new UnansweredLog({
    dir: options.dir ?? join(root, 'data'),
    maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
    logger: options.logger ?? createLogger('silent'),
    now: () => NOW,
  });
}

const CANDIDATES = [
  { id: 'help.hellowork', score: 0.31234 },
  { id: 'help.division', score: 0.29876 },
  { id: 'ceremony.place', score: 0.2 },
  { id: 'agreement.what', score: 0.1 },
  { id: 'ceremony.date', score: 0.05 },
];

describe('UnansweredLog: records', () => {
  it('appends one JSON line per question with time, lang, outcome, masked text and at most 3 candidates', async () => {
    const dir = join(root, 'data');
    const log = newLog({ dir });
    log.record({
      lang: 'pt',
      outcome: 'fallback',
      text: 'meu telefone é 090-1234-5678, onde fica a hello work?',
      candidates: CANDIDATES,
    });
    log.record({
      lang: 'en',
      outcome: 'clarify',
      text: 'mail me at john@example.com about the fair',
      candidates: CANDIDATES.slice(0, 2),
    });
    log.record({ lang: 'ja', outcome: 'fallback', text: '駐車場はありますか', candidates: [] });
    await log.flush();

    const raw = readFileSync(join(dir, LOG_FILE), 'utf8');
    expect(raw.endsWith('\n')).toBe(true);
    expect(raw).not.toContain('090-1234-5678');
    expect(raw).not.toContain('john@example.com');
    const records = lines(join(dir, LOG_FILE));
    expect(records).toEqual([
      {
        time: NOW.toISOString(),
        lang: 'pt',
        outcome: 'fallback',
        text: 'meu telefone é [phone], onde fica a hello work?',
        candidates: [
          { id: 'help.hellowork', score: 0.312 },
          { id: 'help.division', score: 0.299 },
          { id: 'ceremony.place', score: 0.2 },
        ],
      },
      {
        time: NOW.toISOString(),
        lang: 'en',
        outcome: 'clarify',
        text: 'mail me at [email] about the fair',
        candidates: [
          { id: 'help.hellowork', score: 0.312 },
          { id: 'help.division', score: 0.299 },
        ],
      },
      {
        time: NOW.toISOString(),
        lang: 'ja',
        outcome: 'fallback',
        text: '駐車場はありますか',
        candidates: [],
      },
    ]);
    for (const r of records)
      expect(Object.keys(r).sort()).toEqual(['candidates', 'lang', 'outcome', 'text', 'time']);
  });

  it('creates DATA_DIR when missing and keeps the file private (0600)', async () => {
    const dir = join(root, 'a', 'b', 'c');
    const log = newLog({ dir });
    log.record({ lang: 'en', outcome: 'fallback', text: 'where can I park?', candidates: [] });
    await log.flush();
    expect(lines(join(dir, LOG_FILE))).toHaveLength(1);
    expect(statSync(join(dir, LOG_FILE)).mode & 0o777).toBe(0o600);
  });

  it('uses the current time when no clock is given', async () => {
    const dir = join(root, 'data');
    const log = new UnansweredLog({ dir, maxBytes: 1024, logger: createLogger('silent') });
    const before = Date.now();
    log.record({ lang: 'vi', outcome: 'fallback', text: 'bãi đỗ xe ở đâu?', candidates: [] });
    await log.flush();
    const [record] = lines(join(dir, LOG_FILE));
    const time = Date.parse(record!.time);
    expect(time).toBeGreaterThanOrEqual(before - 1);
    expect(time).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('cuts a very long question to 500 characters', async () => {
    const dir = join(root, 'data');
    const log = newLog({ dir });
    log.record({ lang: 'en', outcome: 'fallback', text: 'why '.repeat(300), candidates: [] });
    await log.flush();
    expect(lines(join(dir, LOG_FILE))[0]!.text).toHaveLength(500);
  });

  it('flush() waits for every write recorded so far, in order', async () => {
    const dir = join(root, 'data');
    const log = newLog({ dir });
    for (let i = 0; i < 50; i++)
      log.record({ lang: 'en', outcome: 'fallback', text: `question ${i}`, candidates: [] });
    // record() returns at once: nothing has been written yet.
    expect(existsSync(join(dir, LOG_FILE))).toBe(false);
    await log.flush();
    expect(lines(join(dir, LOG_FILE)).map((r) => r.text)).toEqual(
      Array.from({ length: 50 }, (_, i) => `question ${i}`),
    );
  });

  it('flush() with nothing recorded resolves at once', async () => {
    await expect(newLog().flush()).resolves.toBeUndefined();
  });
});

describe('UnansweredLog: rotation', () => {
  const record = (log: UnansweredLog, text: string) =>
    log.record({ lang: 'en', outcome: 'fallback', text, candidates: [] });

  it('renames the file to unanswered.1.jsonl beyond maxBytes and starts a new one, replacing the old rotated file', async () => {
    const dir = join(root, 'data');
    const oneLine = Buffer.byteLength(
      `${JSON.stringify({ time: NOW.toISOString(), lang: 'en', outcome: 'fallback', text: 'first question', candidates: [] })}\n`,
    );
    // Room for two lines, not three.
    const log = newLog({ dir, maxBytes: oneLine * 2 + 10 });

    record(log, 'first question');
    record(log, 'other question');
    await log.flush();
    expect(lines(join(dir, LOG_FILE)).map((r) => r.text)).toEqual([
      'first question',
      'other question',
    ]);
    expect(existsSync(join(dir, ROTATED_FILE))).toBe(false);

    record(log, 'third question');
    await log.flush();
    expect(lines(join(dir, ROTATED_FILE)).map((r) => r.text)).toEqual([
      'first question',
      'other question',
    ]);
    expect(lines(join(dir, LOG_FILE)).map((r) => r.text)).toEqual(['third question']);

    record(log, 'fourth question');
    record(log, 'fifth question');
    await log.flush();
    // The previous rotated file is replaced: only one old file is kept.
    expect(lines(join(dir, ROTATED_FILE)).map((r) => r.text)).toEqual([
      'third question',
      'fourth question',
    ]);
    expect(lines(join(dir, LOG_FILE)).map((r) => r.text)).toEqual(['fifth question']);
  });

  it('writes a line larger than maxBytes into an empty file instead of rotating forever', async () => {
    const dir = join(root, 'data');
    const log = newLog({ dir, maxBytes: 10 });
    record(log, 'a question longer than ten bytes');
    await log.flush();
    expect(lines(join(dir, LOG_FILE))).toHaveLength(1);
    expect(existsSync(join(dir, ROTATED_FILE))).toBe(false);
    record(log, 'another long question');
    await log.flush();
    expect(lines(join(dir, ROTATED_FILE)).map((r) => r.text)).toEqual([
      'a question longer than ten bytes',
    ]);
    expect(lines(join(dir, LOG_FILE)).map((r) => r.text)).toEqual(['another long question']);
  });
});

describe('UnansweredLog: a failed write is logged and never throws', () => {
  function expectLoggedFailure(logs: ReturnType<typeof capturingLogger>, secret: string): void {
    const warnings = logs
      .lines()
      .filter((l) => l.msg === 'could not record an unanswered question');
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) {
      expect(w.level).toBe(40);
      expect(typeof (w.err as { message?: unknown }).message).toBe('string');
    }
    // The log says what failed, never what the resident typed.
    expect(JSON.stringify(logs.lines())).not.toContain(secret);
  }

  it('when DATA_DIR is a file', async () => {
    const file = join(root, 'not-a-dir');
    writeFileSync(file, 'x');
    const logs = capturingLogger('warn');
    const log = newLog({ dir: file, logger: logs.logger });
    expect(() =>
      log.record({ lang: 'en', outcome: 'fallback', text: 'secret question', candidates: [] }),
    ).not.toThrow();
    await expect(log.flush()).resolves.toBeUndefined();
    expectLoggedFailure(logs, 'secret question');
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('when DATA_DIR is below a file', async () => {
    const file = join(root, 'not-a-dir');
    writeFileSync(file, 'x');
    const logs = capturingLogger('warn');
    const log = newLog({ dir: join(file, 'data'), logger: logs.logger });
    log.record({ lang: 'en', outcome: 'fallback', text: 'secret question', candidates: [] });
    await expect(log.flush()).resolves.toBeUndefined();
    expectLoggedFailure(logs, 'secret question');
  });

  it('when the log file cannot be appended to (it is a folder)', async () => {
    const dir = join(root, 'data');
    mkdirSync(join(dir, LOG_FILE), { recursive: true });
    const logs = capturingLogger('warn');
    const log = newLog({ dir, logger: logs.logger });
    log.record({ lang: 'pt', outcome: 'fallback', text: 'pergunta secreta', candidates: [] });
    await expect(log.flush()).resolves.toBeUndefined();
    expectLoggedFailure(logs, 'pergunta secreta');
  });

  it('keeps writing once the problem is gone', async () => {
    const dir = join(root, 'data');
    writeFileSync(dir, 'x');
    const logs = capturingLogger('warn');
    const log = newLog({ dir, logger: logs.logger });
    log.record({ lang: 'en', outcome: 'fallback', text: 'lost question', candidates: [] });
    await log.flush();
    rmSync(dir);
    log.record({ lang: 'en', outcome: 'fallback', text: 'kept question', candidates: [] });
    await log.flush();
    expect(lines(join(dir, LOG_FILE)).map((r) => r.text)).toEqual(['kept question']);
    expect(logs.lines()).toHaveLength(1);
  });
});

describe('the running bot records what it could not answer', () => {
  it('a fallback over POST /api/chat ends in DATA_DIR/unanswered.jsonl, masked', async () => {
    const dataDir = join(root, 'runtime-data');
    const rt = buildTestRuntime({ DATA_DIR: dataDir });
    try {
      const res = await request(rt.app)
        .post('/api/chat')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ text: 'xyzzy plugh 090-1234-5678 frobnicate', lang: 'en' }));
      expect(res.status).toBe(200);
      expect(res.body.answerId).toBeNull();
      await rt.unanswered.flush();
      const records = lines(join(dataDir, LOG_FILE));
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ lang: 'en', outcome: 'fallback' });
      expect(records[0]!.text).toContain('[phone]');
      expect(records[0]!.text).not.toContain('1234');
    } finally {
      await close(rt);
    }
  });
});
