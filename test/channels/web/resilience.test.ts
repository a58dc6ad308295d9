import type { Storage } from 'botbuilder';
import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import request from 'supertest';
import { BoundedMemoryStorage } from '../../../src/bot/session-store';
import { createBot, type KoyoBot } from '../../../src/bot/botkit/create-bot';
import { createApp } from '../../../src/channels/web/app';
import { OriginPolicy } from '../../../src/channels/web/origins';
import type { Reply } from '../../../src/engine/compose/reply';
import type { Engine } from '../../../src/engine/engine';
import { createTranslator, loadLocales, type Translate } from '../../../src/i18n/locales';
import { LOCALES_DIR } from '../../../src/runtime/paths';
import type { EngineSource } from '../../../src/runtime/reloadable-engine';
import type { Runtime } from '../../../src/runtime/build';
import { buildTestRuntime, capturingLogger, close, listen, type LogLine } from '../../web/helpers';

const LANGUAGES = ['ja', 'en', 'pt', 'vi'];
const PHONE = '0270-27-2755';

/** The part of the engine that createBot uses, with a `respond` (and `welcome`) that throw. */
function throwingEngine(): EngineSource {
  const fake: Pick<Engine, 'languages' | 'isLanguage' | 'respond' | 'welcome'> & {
    defaultLanguage: string;
  } = {
    languages: LANGUAGES,
    defaultLanguage: 'en',
    isLanguage: (code: string | undefined): code is string =>
      code !== undefined && LANGUAGES.includes(code),
    respond: () => {
      throw new TypeError('engine exploded');
    },
    welcome: (): Reply => {
      throw new RangeError('welcome exploded');
    },
  };
  return { current: fake as unknown as Engine };
}

/** Storage whose every read fails, as a broken shared store would. */
class FailingStorage implements Storage {
  async read(): Promise<never> {
    throw new Error('storage is down');
  }
  async write(): Promise<void> {}
  async delete(): Promise<void> {}
}

function appFor(bot: KoyoBot, t: Translate, logger: ReturnType<typeof capturingLogger>['logger']) {
  return createApp({
    bot,
    t,
    languages: LANGUAGES,
    webStrings: {},
    logger,
    origins: new OriginPolicy([]),
    rateLimitPerMinute: 0,
    trustProxy: 0,
  });
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => void process.off('unhandledRejection', onUnhandled));

describe('a handler that throws', () => {
  let t: Translate;
  let bot: KoyoBot;
  let logs: ReturnType<typeof capturingLogger>;

  beforeAll(() => {
    t = createTranslator(loadLocales(LOCALES_DIR), 'en');
    logs = capturingLogger();
    bot = createBot({
      engine: throwingEngine(),
      storage: new BoundedMemoryStorage({ maxEntries: 100, idleMs: 60_000 }),
      logger: logs.logger,
      t,
      contact: { phone: PHONE },
    });
  });
  afterAll(() => bot.shutdown());

  it.each([...LANGUAGES, undefined])(
    'turns into one polite error reply with the phone number (lang %p)',
    async (lang) => {
      const { replies } = await bot.ask({
        type: 'message',
        user: `resilience-${lang ?? 'none'}`,
        text: 'When is the signing ceremony?',
        lang,
      });
      expect(replies).toHaveLength(1);
      const [reply] = replies;
      expect(reply).toMatchObject({
        type: 'message',
        kind: 'error',
        lang: lang ?? 'en',
        answerId: null,
        quickReplies: [],
        source: null,
      });
      expect(reply?.text).toContain(PHONE);
      expect(reply?.text).toBe(t(lang ?? 'en', 'bot.error', { phone: PHONE }));
    },
  );

  it('falls back to English for an unknown language', async () => {
    const { replies } = await bot.ask({ type: 'message', user: 'resilience-xx', lang: 'xx' });
    expect(replies).toEqual([expect.objectContaining({ kind: 'error', lang: 'en' })]);
  });

  it('also guards the hello handler', async () => {
    const { replies } = await bot.ask({ type: 'hello', user: 'resilience-hello', lang: 'vi' });
    expect(replies).toEqual([expect.objectContaining({ kind: 'error', lang: 'vi' })]);
    expect(replies[0]?.text).toContain(PHONE);
  });

  it('logs the failure by name and handler, without what the resident typed', async () => {
    await bot.ask({ type: 'message', user: 'resilience-log', text: 'my secret question' });
    const failed = logs.lines().filter((l: LogLine) => l.msg === 'handler failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.at(-1)).toMatchObject({
      handler: 'message',
      err: { name: 'TypeError', message: 'engine exploded' },
    });
    expect(JSON.stringify(logs.lines())).not.toContain('my secret question');
  });

  it('keeps the web channel up: the API answers with the error reply and /healthz is 200', async () => {
    const app = appFor(bot, t, logs.logger);
    const res = await request(app)
      .post('/api/chat')
      .set('Content-Type', 'application/json')
      .send({ text: 'hello', lang: 'pt' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ lang: 'pt', answerId: null, quickReplies: [], source: null });
    expect(res.body.text).toContain(PHONE);
    const health = await request(app).get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    expect(unhandled).toEqual([]);
  });
});

describe('a failure outside the handlers (the session store is down)', () => {
  let bot: KoyoBot;
  let logs: ReturnType<typeof capturingLogger>;
  let t: Translate;

  beforeAll(() => {
    t = createTranslator(loadLocales(LOCALES_DIR), 'en');
    logs = capturingLogger();
    bot = createBot({
      engine: throwingEngine(),
      storage: new FailingStorage(),
      logger: logs.logger,
      t,
      contact: { phone: PHONE },
    });
  });
  afterAll(() => bot.shutdown());

  it('becomes a 500 JSON error without a stack trace, and /healthz still answers', async () => {
    const app = appFor(bot, t, logs.logger);
    const res = await request(app)
      .post('/api/chat')
      .set('Content-Type', 'application/json')
      .set('Accept-Language', 'ja')
      .send({ text: 'hello' });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'internal', message: t('ja', 'api.internal') } });
    expect(res.text).not.toMatch(/storage is down|\bat \S+ \(/);
    expect(logs.lines().some((l) => l.msg === 'request failed')).toBe(true);
    expect((await request(app).get('/healthz')).status).toBe(200);
    expect(unhandled).toEqual([]);
  });
});

describe('fuzzing POST /api/chat', () => {
  let rt: Runtime;
  let logs: ReturnType<typeof capturingLogger>;

  beforeAll(() => {
    logs = capturingLogger('warn');
    rt = buildTestRuntime({}, logs.logger);
  });
  afterAll(async () => {
    await close(rt);
  });

  const post = (body: string, type = 'application/json') =>
    request(rt.app).post('/api/chat').set('Content-Type', type).send(body);

  /** 200 with the answer shape, or a 4xx with the error shape; never a 5xx, never HTML. */
  function expectSane(res: request.Response): void {
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    if (res.status === 200) {
      expect(LANGUAGES).toContain(res.body.lang);
      expect(typeof res.body.text).toBe('string');
      expect(res.body.text.length).toBeGreaterThan(0);
      expect(typeof res.body.sessionId).toBe('string');
      expect(Array.isArray(res.body.quickReplies)).toBe(true);
      return;
    }
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).toEqual({
      error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) },
    });
    expect(res.text).not.toMatch(/\bat \S+ \(|<html|<pre/i);
  }

  const limit = { plugins: [fc.interruptAfterTimeLimit(25_000)] };

  /** Code points that have broken text handling elsewhere: invisible, bidi, combining, odd. */
  const tricky = fc.constantFrom(
    '\u200b', // zero-width space
    '\u200c',
    '\u200d', // zero-width joiner
    '\u2060',
    '\ufeff', // BOM
    '\u00ad', // soft hyphen
    '\u202e', // right-to-left override
    '\u202d',
    '\u2066',
    '\u2067',
    '\u2069',
    '\u061c',
    '\u0000',
    '\u0007',
    '\u001b[31m',
    '\r\n',
    '\u3000', // ideographic space
    '\ud800', // lone high surrogate
    '\udfff', // lone low surrogate
    '\udbff\udfff', // the last code point
    '👩‍👩‍👧‍👦',
    '🇯🇵',
    '🧑🏽‍💻',
    'e\u0301\u0301\u0301',
    'ｶﾞｷﾞ',
    '㍻',
    'ﷺ',
    '𒐫',
    'İ',
    'ß',
    'ǅ',
    '\u0e47'.repeat(20),
    'answer:',
    'answer:__proto__',
    'answer:constructor',
    'lang:toString',
    'lang:__proto__',
    'menu',
    '締結式',
    'Hello Work',
    'cerimônia',
    'lễ ký kết',
    ' ',
  );
  const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
  const weirdText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.string({
      unit: fc.oneof(
        tricky,
        loneSurrogate,
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      ),
      maxLength: 40,
    }),
    fc.string({ unit: 'binary-ascii', maxLength: 80 }),
  );
  const field = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

  it('answers arbitrary chat bodies with 200 or a 4xx JSON error', async () => {
    const body = fc.record(
      {
        text: fc.oneof(
          { weight: 6, arbitrary: weirdText },
          { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
        ),
        lang: field(fc.oneof(fc.constantFrom(...LANGUAGES), fc.string(), fc.jsonValue())),
        sessionId: field(
          fc.oneof(fc.uuid(), fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), fc.string()),
        ),
        extra: field(fc.jsonValue({ maxDepth: 2 })),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const res = await post(JSON.stringify(value));
        expectSane(res);
        // Input that the API documents as valid is always answered.
        const { text, lang, sessionId } = value;
        const valid =
          typeof text === 'string' &&
          text.trim() !== '' &&
          text.length <= 1000 &&
          (lang === undefined || (typeof lang === 'string' && LANGUAGES.includes(lang))) &&
          (sessionId === undefined || /^[A-Za-z0-9_-]{8,64}$/.test(sessionId));
        expect(res.status).toBe(valid ? 200 : 400);
        if (valid && lang !== undefined) expect(res.body.lang).toBe(lang);
      }),
      { numRuns: 200, ...limit },
    );
  });

  it('answers arbitrary JSON values as bodies with 200 or a 4xx JSON error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        expectSane(await post(JSON.stringify(value) ?? 'null'));
      }),
      { numRuns: 100, ...limit },
    );
  });

  it('answers arbitrary bytes as a JSON body with a 4xx (or 200 if they happen to be valid)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary-ascii' })),
        async (raw) => expectSane(await post(raw)),
      ),
      { numRuns: 100, ...limit },
    );
  });

  it('answers huge texts and bodies with 400 text_too_long or 413', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1001, max: 200_000 }),
        fc.constantFrom('a', '締', '😀', '\u200b', '\ud800', '"', '\\'),
        async (length, unit) => {
          const res = await post(JSON.stringify({ text: unit.repeat(length).slice(0, length) }));
          expectSane(res);
          expect([400, 413]).toContain(res.status);
          expect(['text_too_long', 'payload_too_large']).toContain(res.body.error.code);
        },
      ),
      { numRuns: 30, ...limit },
    );
  });

  it('answers deeply nested bodies with a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 50_000 }),
        fc.constantFrom('array', 'object', 'text'),
        async (depth, shape) => {
          const body =
            shape === 'array'
              ? '['.repeat(depth) + ']'.repeat(depth)
              : shape === 'object'
                ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
                : '{"text":'.repeat(depth) + '"hi"' + '}'.repeat(depth);
          const res = await post(body);
          expectSane(res);
          if (!(shape === 'text' && depth === 1)) expect(res.status).toBeGreaterThanOrEqual(400);
        },
      ),
      { numRuns: 30, ...limit },
    );
  });

  it('answers a form, multipart or binary body with a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/octet-stream',
          'application/xml',
          'application/json; charset=utf-7',
          'application/jsonx',
        ),
        weirdText,
        async (type, text) => expectSane(await post(JSON.stringify({ text }), type)),
      ),
      { numRuns: 30, ...limit },
    );
  });

  it('still answers /healthz and a question afterwards, and nothing failed inside', async () => {
    expect((await request(rt.app).get('/healthz')).body).toEqual({ status: 'ok' });
    const res = await post(JSON.stringify({ text: 'What is Hello Work?' }));
    expect(res.body.answerId).toBe('help.hellowork');
    // The engine never threw on any input (a throw would have been logged, then answered
    // politely) and no request became a 500.
    expect(logs.lines().filter((l) => l.level >= 50)).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});

describe('compressed bodies', () => {
  let rt: Runtime;
  let listening: ReturnType<typeof listen>;

  beforeAll(() => {
    rt = buildTestRuntime();
    listening = listen(rt);
  });
  afterAll(async () => {
    await listening;
    await close(rt);
  });

  /** POSTs raw bytes with plain node:http (supertest re-encodes some bodies). */
  async function postRaw(headers: Record<string, string>, body: Buffer) {
    const { port } = await listening;
    return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/chat',
          headers: { ...headers, 'Content-Length': String(body.length), Connection: 'close' },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('accepts a gzip-compressed JSON body', async () => {
    const res = await postRaw(
      { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      gzipSync(JSON.stringify({ text: 'What is Hello Work?' })),
    );
    expect(res).toMatchObject({ status: 200, body: { answerId: 'help.hellowork' } });
  });

  // Regression (was a bug): body-parser reports a corrupt compressed body as a 400 without a `type`;
  // errorHandler only maps known types, so the client gets 500 internal and an error is logged.
  it('answers a corrupt gzip body with a 4xx, not 500', async () => {
    const res = await postRaw(
      { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      Buffer.from('this is not gzip'),
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
