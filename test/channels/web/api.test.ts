import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request, { type Response } from 'supertest';
import { createApp, PUBLIC_DIR } from '../../../src/channels/web/app';
import { OriginPolicy } from '../../../src/channels/web/origins';
import { createLogger } from '../../../src/logger';
import type { Runtime } from '../../../src/runtime/build';
import { buildTestRuntime, close } from '../../web/helpers';

const CITY = 'https://www.city.isesaki.lg.jp';
const PARTNER = 'https://embed.example.org';
const EVIL = 'https://evil.example.com';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let rt: Runtime;

beforeAll(() => {
  rt = buildTestRuntime({ ALLOWED_ORIGINS: `${CITY},${PARTNER}` });
});

afterAll(async () => {
  await close(rt);
});

const chat = (body: unknown) =>
  request(rt.app)
    .post('/api/chat')
    .set('Content-Type', 'application/json')
    .send(typeof body === 'string' ? body : JSON.stringify(body));

/** The one error shape: JSON `{error: {code, message}}`, no stack trace, no HTML. */
function expectError(res: Response, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
  expect(res.body.error.message.length).toBeGreaterThan(0);
  expect(res.text).not.toMatch(/\n\s*at /);
  expect(res.text).not.toMatch(/^\s*at \S/m);
  expect(res.text).not.toMatch(/<\/?(html|body|pre|!doctype)/i);
  expect(res.headers['x-powered-by']).toBeUndefined();
}

describe('POST /api/chat answers', () => {
  it.each([
    ['ja', '締結式の会場はどこですか', 'ceremony.place'],
    ['en', 'What is Hello Work?', 'help.hellowork'],
    ['pt', 'A que horas começa a cerimônia?', 'ceremony.time'],
    ['vi', 'Lễ ký kết bắt đầu lúc mấy giờ?', 'ceremony.time'],
  ])('answers a %s question with the documented shape', async (lang, text, answerId) => {
    const res = await chat({ text });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(res.body).sort()).toEqual(
      ['answerId', 'lang', 'quickReplies', 'sessionId', 'source', 'text'].sort(),
    );
    expect(res.body).toMatchObject({ lang, answerId, sessionId: expect.stringMatching(UUID) });
    expect(typeof res.body.text).toBe('string');
    expect(res.body.text.length).toBeGreaterThan(0);
    expect(typeof res.body.source).toBe('string');
    expect(res.body.quickReplies.length).toBeGreaterThan(0);
    for (const q of res.body.quickReplies)
      expect(q).toEqual({ label: expect.any(String), payload: expect.any(String) });
  });

  it('gives a new session id to each new conversation', async () => {
    const [a, b] = await Promise.all([chat({ text: 'What is Hello Work?' }), chat({ text: 'hi' })]);
    expect(a.body.sessionId).not.toBe(b.body.sessionId);
  });

  it('continues the conversation when the sessionId is sent back ("and where?")', async () => {
    const first = await chat({ text: 'What time does the signing ceremony start?' });
    expect(first.body.answerId).toBe('ceremony.time');
    const next = await chat({ text: 'and where?', sessionId: first.body.sessionId });
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({
      sessionId: first.body.sessionId,
      lang: 'en',
      answerId: 'ceremony.place',
    });
  });

  it('answers a follow-up from the session, not from the words alone', async () => {
    // On its own "what time?" is about the ceremony; after Hello Work it is about its hours.
    const fresh = await chat({ text: 'what time?' });
    expect(fresh.body.answerId).toBe('ceremony.time');
    const first = await chat({ text: 'What is Hello Work?' });
    expect(first.body.answerId).toBe('help.hellowork');
    const next = await chat({ text: 'what time?', sessionId: first.body.sessionId });
    expect(next.body).toMatchObject({ answerId: 'help.hellowork-hours', lang: 'en' });
  });

  it('keeps the language of the session for a short follow-up (ja)', async () => {
    const first = await chat({ text: '締結式は何時からですか' });
    expect(first.body).toMatchObject({ lang: 'ja', answerId: 'ceremony.time' });
    const next = await chat({ text: 'どこで？', sessionId: first.body.sessionId });
    expect(next.body).toMatchObject({ lang: 'ja', answerId: 'ceremony.place' });
  });

  it('runs the guided "where can I get help?" conversation across requests', async () => {
    const first = await chat({ text: 'I need a job' });
    expect(first.status).toBe(200);
    expect(first.body.answerId).toBeNull();
    const payloads = first.body.quickReplies.map((q: { payload: string }) => q.payload);
    expect(payloads).toContain('guided:job-seeker');
    const next = await chat({ text: 'guided:job-seeker', sessionId: first.body.sessionId });
    expect(next.body).toMatchObject({ lang: 'en', answerId: 'guided.job-seeker' });
    const after = await chat({ text: 'What is Hello Work?', sessionId: first.body.sessionId });
    expect(after.body.answerId).toBe('help.hellowork');
  });

  it('accepts a sessionId the client made up (8-64 of A-Z a-z 0-9 _ -)', async () => {
    const sessionId = 'my_own-session_01';
    const res = await chat({ text: 'What is Hello Work?', sessionId });
    expect(res.status).toBe(200);
    expect(res.body.sessionId).toBe(sessionId);
  });

  it.each(['pt', 'ja', 'vi'])('replies in the forced language lang=%s', async (lang) => {
    const english = await chat({ text: 'What time does the signing ceremony start?' });
    const res = await chat({ text: 'What time does the signing ceremony start?', lang });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ lang, answerId: 'ceremony.time' });
    expect(res.body.text).not.toBe(english.body.text);
    expect(res.body.source).not.toBe(english.body.source);
  });

  it('accepts application/json with a charset', async () => {
    const res = await request(rt.app)
      .post('/api/chat')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ text: 'What is Hello Work?' }));
    expect(res.status).toBe(200);
    expect(res.body.answerId).toBe('help.hellowork');
  });
});

describe('POST /api/chat errors', () => {
  it('rejects invalid JSON with 400 invalid_json', async () => {
    expectError(await chat('{"text": "hello'), 400, 'invalid_json');
  });

  it.each([
    ['no text', {}],
    ['empty text', { text: '' }],
    ['blank text', { text: ' \n\t ' }],
    ['text not a string', { text: 42 }],
    ['text null', { text: null }],
  ])('rejects %s with 400 text_required', async (_name, body) => {
    expectError(await chat(body), 400, 'text_required');
  });

  it.each([
    ['an array', '[{"text":"hello"}]'],
    ['a string', '"hello"'],
    ['a number', '42'],
    ['null', 'null'],
    ['true', 'true'],
  ])('rejects a body that is %s with 400 invalid_body', async (_name, body) => {
    expectError(await chat(body), 400, 'invalid_body');
  });

  it('rejects text over 1000 characters with 400 text_too_long (and names the limit)', async () => {
    const res = await chat({ text: 'a'.repeat(1001) });
    expectError(res, 400, 'text_too_long');
    expect(res.body.error.message).toContain('1000');
  });

  it('accepts text of exactly 1000 characters', async () => {
    const res = await chat({ text: 'Hello Work '.repeat(100).slice(0, 1000) });
    expect(res.status).toBe(200);
  });

  it.each([['xx'], ['EN'], ['fr'], [''], [5], [null]])(
    'rejects lang=%p with 400 unknown_lang',
    async (lang) => {
      const res = await chat({ text: 'hello', lang });
      expectError(res, 400, 'unknown_lang');
      expect(res.body.error.message).toContain(rt.engine.languages.join(', '));
    },
  );

  it.each([['short'], ['a'.repeat(65)], ['../../etc/passwd'], ['with space 123'], [12345678]])(
    'rejects sessionId=%p with 400 bad_session_id',
    async (sessionId) => {
      expectError(await chat({ text: 'hello', sessionId }), 400, 'bad_session_id');
    },
  );

  it('rejects a body over the limit (20 KB) with 413 payload_too_large', async () => {
    const res = await chat({ text: 'x'.repeat(20 * 1024) });
    expectError(res, 413, 'payload_too_large');
  });

  it('rejects text/plain with 415 unsupported_media_type', async () => {
    const res = await request(rt.app)
      .post('/api/chat')
      .set('Content-Type', 'text/plain')
      .send('What is Hello Work?');
    expectError(res, 415, 'unsupported_media_type');
  });

  it('rejects a form post with 415 unsupported_media_type', async () => {
    const res = await request(rt.app).post('/api/chat').type('form').send({ text: 'hello' });
    expectError(res, 415, 'unsupported_media_type');
  });

  it('rejects a request with no body and no content type with 415', async () => {
    expectError(await request(rt.app).post('/api/chat'), 415, 'unsupported_media_type');
  });

  it('rejects an unsupported JSON charset with 415 unsupported_media_type', async () => {
    const res = await request(rt.app)
      .post('/api/chat')
      .set('Content-Type', 'application/json; charset=klingon')
      .send('{"text":"hello"}');
    expectError(res, 415, 'unsupported_media_type');
  });
});

describe('error messages are localised', () => {
  it('uses the lang of the body (ja)', async () => {
    const res = await chat({ text: '', lang: 'ja' });
    expectError(res, 400, 'text_required');
    expect(res.body.error.message).toBe(rt.t('ja', 'api.text_required'));
    expect(res.body.error.message).not.toBe(rt.t('en', 'api.text_required'));
  });

  it('uses Accept-Language when the body has no usable lang (vi)', async () => {
    const res = await request(rt.app)
      .post('/api/chat')
      .set('Content-Type', 'application/json')
      .set('Accept-Language', 'vi-VN,vi;q=0.9,en;q=0.5')
      .send('{oops');
    expectError(res, 400, 'invalid_json');
    expect(res.body.error.message).toBe(rt.t('vi', 'api.invalid_json'));
    expect(res.body.error.message).not.toBe(rt.t('en', 'api.invalid_json'));
  });

  it('localises the 404 with Accept-Language (pt)', async () => {
    const res = await request(rt.app).get('/nope').set('Accept-Language', 'pt-BR');
    expectError(res, 404, 'not_found');
    expect(res.body.error.message).toBe(rt.t('pt', 'api.not_found'));
  });

  it('falls back to English for an unsupported Accept-Language', async () => {
    const res = await request(rt.app).get('/nope').set('Accept-Language', 'de-DE');
    expect(res.body.error.message).toBe(rt.t('en', 'api.not_found'));
  });
});

describe('rate limit', () => {
  let limited: Runtime;
  beforeAll(() => {
    limited = buildTestRuntime({ RATE_LIMIT_PER_MINUTE: '3', ALLOWED_ORIGINS: CITY });
  });
  afterAll(async () => {
    await close(limited);
  });

  it('answers the 4th request in a minute with 429 rate_limited and Retry-After', async () => {
    const post = () =>
      request(limited.app)
        .post('/api/chat')
        .set('Content-Type', 'application/json')
        .send('{"text":"What is Hello Work?"}');
    for (let i = 0; i < 3; i++) expect((await post()).status).toBe(200);
    const res = await post();
    expectError(res, 429, 'rate_limited');
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    // The health check is not behind the API's limit.
    expect((await request(limited.app).get('/healthz')).status).toBe(200);
  });

  // Regression (was a bug): the limiter runs before the CORS middleware, so a 429 sent to an allowed
  // embedding page has no Access-Control-Allow-Origin and the page cannot read it.
  it('lets an allowed cross-origin page read the 429 (CORS header on it)', async () => {
    let res: Response | undefined;
    for (let i = 0; i < 5 && res?.status !== 429; i++)
      res = await request(limited.app)
        .post('/api/chat')
        .set('Origin', CITY)
        .set('Content-Type', 'application/json')
        .send('{"text":"hello"}');
    expect(res?.status).toBe(429);
    expect(res?.headers['access-control-allow-origin']).toBe(CITY);
  });
});

describe('origins and CORS', () => {
  it('refuses an Origin that is not allowed with 403 origin_not_allowed', async () => {
    const res = await request(rt.app)
      .post('/api/chat')
      .set('Origin', EVIL)
      .set('Content-Type', 'application/json')
      .send('{"text":"What is Hello Work?"}');
    expectError(res, 403, 'origin_not_allowed');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it.each([CITY, PARTNER])(
    'answers an allowed origin (%s) with its CORS header',
    async (origin) => {
      const res = await request(rt.app)
        .post('/api/chat')
        .set('Origin', origin)
        .set('Content-Type', 'application/json')
        .send('{"text":"What is Hello Work?"}');
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(res.headers.vary).toMatch(/Origin/);
    },
  );

  it('answers a preflight OPTIONS from an allowed origin with 204', async () => {
    const res = await request(rt.app)
      .options('/api/chat')
      .set('Origin', PARTNER)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(PARTNER);
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toMatch(/content-type/i);
  });

  it('refuses a preflight from an origin that is not allowed', async () => {
    const res = await request(rt.app)
      .options('/api/chat')
      .set('Origin', EVIL)
      .set('Access-Control-Request-Method', 'POST');
    expect(res.status).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows the page on its own origin (Origin matches Host) without CORS headers', async () => {
    const res = await request(rt.app)
      .post('/api/chat')
      .set('Host', 'bot.example.jp')
      .set('Origin', 'https://bot.example.jp')
      .set('Content-Type', 'application/json')
      .send('{"text":"What is Hello Work?"}');
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows a request without Origin (not a browser page)', async () => {
    expect((await chat({ text: 'What is Hello Work?' })).status).toBe(200);
  });

  it('refuses a malformed Origin', async () => {
    const res = await request(rt.app)
      .post('/api/chat')
      .set('Origin', 'null')
      .set('Content-Type', 'application/json')
      .send('{"text":"hello"}');
    expectError(res, 403, 'origin_not_allowed');
  });
});

describe('health, not found, headers', () => {
  it('GET /healthz → 200 {status:"ok"}, not cached', async () => {
    const res = await request(rt.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it.each([
    ['GET', '/does-not-exist'],
    ['GET', '/api/nothing'],
    ['GET', '/api/chat'],
    ['POST', '/api/unknown'],
    ['GET', '/../../package.json'],
  ])('%s %s → 404 JSON not_found', async (method, path) => {
    const res = await (method === 'GET' ? request(rt.app).get(path) : request(rt.app).post(path));
    expectError(res, 404, 'not_found');
  });

  it('sends a strict Content-Security-Policy with the allowed origins as frame ancestors', async () => {
    const res = await request(rt.app).get('/');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    const ancestors = csp.split(';').find((d) => d.trim().startsWith('frame-ancestors'));
    expect(ancestors?.trim().split(/\s+/)).toEqual(['frame-ancestors', "'self'", CITY, PARTNER]);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends the same CSP on API responses and errors', async () => {
    for (const res of [await request(rt.app).get('/healthz'), await chat({ text: '' })])
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
  });

  it('sends no X-Powered-By anywhere', async () => {
    for (const res of [
      await request(rt.app).get('/'),
      await request(rt.app).get('/healthz'),
      await request(rt.app).get('/missing'),
      await chat({ text: 'What is Hello Work?' }),
    ])
      expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps / same-origin for Cross-Origin-Resource-Policy', async () => {
    const res = await request(rt.app).get('/');
    if (existsSync(join(PUBLIC_DIR, 'index.html'))) expect(res.status).toBe(200);
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  const hasEmbed = existsSync(join(PUBLIC_DIR, 'embed.js'));
  (hasEmbed ? it : it.skip)('serves the real /embed.js cross-origin', async () => {
    const res = await request(rt.app).get('/embed.js');
    expect(res.status).toBe(200);
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  describe('with a public folder that has an embed loader', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'koyo-public-'));
      writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
      writeFileSync(join(dir, 'embed.js'), 'void 0;\n');
      writeFileSync(join(dir, 'embed.css'), 'a{}\n');
      writeFileSync(join(dir, 'chat.js'), 'void 0;\n');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const appWith = () =>
      createApp({
        bot: rt.bot,
        t: rt.t,
        languages: rt.engine.languages,
        webStrings: {},
        logger: createLogger('silent'),
        origins: new OriginPolicy([CITY]),
        rateLimitPerMinute: 0,
        trustProxy: 0,
        publicDir: dir,
      });

    it('serves /embed.js and /embed.css with Cross-Origin-Resource-Policy: cross-origin', async () => {
      const app = appWith();
      for (const path of ['/embed.js', '/embed.css']) {
        const res = await request(app).get(path);
        expect(res.status).toBe(200);
        expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
      }
    });

    it('keeps the page and its other assets same-origin', async () => {
      const app = appWith();
      for (const path of ['/', '/chat.js']) {
        const res = await request(app).get(path);
        expect(res.status).toBe(200);
        expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      }
    });
  });
});

describe('GET /api/locales', () => {
  it('returns the web strings of every language, cacheable', async () => {
    const res = await request(rt.app).get('/api/locales');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['en', 'ja', 'pt', 'vi']);
    expect(res.headers['cache-control']).toContain('max-age');
  });
});
