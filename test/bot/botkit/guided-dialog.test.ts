import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createBot, type KoyoBot } from '../../../src/bot/botkit/create-bot';
import type { OutgoingMessage } from '../../../src/bot/botkit/turn';
import { BoundedMemoryStorage } from '../../../src/bot/session-store';
import type { QuickReply } from '../../../src/engine/compose/reply';
import { createLogger } from '../../../src/logger';
import type { Runtime } from '../../../src/runtime/build';
import { testEngine } from '../../helpers';
import { buildTestRuntime, close } from '../../web/helpers';

const LANGUAGES = ['ja', 'en', 'pt', 'vi'] as const;
type Lang = (typeof LANGUAGES)[number];

const { engine, kb, t } = testEngine();
const SITUATIONS = kb.guided.profiles.map((p) => p.id);

/**
 * The trigger phrases the README names. "tôi cần tìm việc" does not start the dialog (see the
 * failing test below), so the Vietnamese flows use another phrase of the vi profile's list.
 */
const README_TRIGGERS: Record<Lang, string> = {
  ja: '仕事を探しています',
  en: 'I need a job',
  pt: 'preciso de emprego',
  vi: 'tôi cần tìm việc',
};
const TRIGGERS: Record<Lang, string> = { ...README_TRIGGERS, vi: 'tôi bị mất việc' };

/**
 * Phrases listed in knowledge/languages/vi.json `smalltalk.guided` that do not start the dialog:
 * the analyzer rewrites "tìm việc" / "việc làm" in the message to "vieclam", while the phrase list
 * is compared unrewritten (and unfolded), so they never meet.
 */
const KNOWN_BROKEN_TRIGGERS = new Set([
  'tôi cần tìm việc',
  'toi can tim viec',
  'tôi cần việc làm',
  'toi can viec lam',
  'tôi đang tìm việc',
  'toi dang tim viec',
  'giúp tôi tìm việc',
  'giup toi tim viec',
]);

/** A free question per language and the entry it is answered with. */
const QUESTIONS: Record<Lang, [string, string]> = {
  ja: ['締結式の会場はどこですか', 'ceremony.place'],
  en: ['when is the signing ceremony?', 'ceremony.date'],
  pt: ['A que horas começa a cerimônia?', 'ceremony.time'],
  vi: ['Lễ ký kết bắt đầu lúc mấy giờ?', 'ceremony.time'],
};

const guidedProfiles = (lang: string): Array<{ code: string; phrase: string }> =>
  kb.languages
    .filter((p) => p.code === lang)
    .flatMap((p) => p.smalltalk.guided.map((phrase) => ({ code: p.code, phrase })));

/** The situation buttons and the menu button, as the prompt must show them. */
function promptButtons(lang: string): QuickReply[] {
  return [
    ...kb.guided.profiles.map((p) => ({ label: p.label[lang]!, payload: `guided:${p.id}` })),
    { label: t(lang, 'quick.menu'), payload: 'menu' },
  ];
}

function payloads(reply: { quickReplies: QuickReply[] }): string[] {
  return reply.quickReplies.map((q) => q.payload);
}

function expectPrompt(reply: OutgoingMessage | undefined, lang: string): void {
  expect(reply).toBeDefined();
  expect(reply).toMatchObject({
    type: 'message',
    kind: 'guided',
    lang,
    answerId: null,
    text: kb.guided.prompt[lang],
  });
  expect(reply!.quickReplies).toEqual(promptButtons(lang));
}

function expectSituationAnswer(reply: OutgoingMessage | undefined, id: string, lang: string): void {
  expect(reply).toBeDefined();
  expect(reply).toMatchObject({ kind: 'answer', lang, answerId: `guided.${id}` });
  expect(reply).toEqual({ type: 'message', ...engine.guidedAnswer(id, lang)! });
  expect(payloads(reply!)).toEqual(expect.arrayContaining(['guided:start', 'menu']));
  expect(reply!.text).toContain('0270-27-2755');
  expect(reply!.source).toEqual(expect.any(String));
}

describe('the guided dialog through the botkit controller', () => {
  let bot: KoyoBot;
  let storage: BoundedMemoryStorage;

  beforeAll(() => {
    storage = new BoundedMemoryStorage({ maxEntries: 1000, idleMs: 60_000 });
    bot = createBot({
      engine: { current: engine },
      storage,
      logger: createLogger('silent'),
      t,
      contact: kb.bot.contact,
    });
  });

  afterAll(async () => {
    await bot.shutdown();
  });

  /** One user's conversation: each call is one turn, and returns its only reply. */
  function chat(user = randomUUID()) {
    return {
      user,
      async say(text: string, lang?: string): Promise<OutgoingMessage> {
        const { replies } = await bot.ask({ type: 'message', user, text, lang });
        expect(replies).toHaveLength(1);
        return replies[0]!;
      },
      async hello(lang: string): Promise<OutgoingMessage> {
        const { replies } = await bot.ask({ type: 'hello', user, lang });
        expect(replies).toHaveLength(1);
        return replies[0]!;
      },
      /** The botkit dialogs this conversation is in (empty when it waits for nothing). */
      async dialogStack(): Promise<unknown[]> {
        const key = `webhook/conversations/${user}-${user}/`;
        const items = await storage.read([key]);
        const state = items[key] as { dialogState?: { dialogStack?: unknown[] } } | undefined;
        return state?.dialogState?.dialogStack ?? [];
      },
    };
  }

  it('knows six situations, each labelled and answered in all four languages', () => {
    expect(SITUATIONS).toEqual([
      'job-seeker',
      'young',
      'parent',
      'disability',
      'foreign-language',
      'employer',
    ]);
    for (const lang of LANGUAGES) {
      expect(engine.isLanguage(lang)).toBe(true);
      for (const id of SITUATIONS) expect(engine.guidedAnswer(id, lang)).toBeDefined();
    }
  });

  describe.each(LANGUAGES)('in %s', (lang) => {
    it(`"${TRIGGERS[lang]}" starts the dialog: the situation buttons and the menu button`, async () => {
      const c = chat();
      expectPrompt(await c.say(TRIGGERS[lang]), lang);
      expect(await c.dialogStack()).not.toHaveLength(0);
    });

    it.each(SITUATIONS)('pressing guided:%s answers that situation', async (id) => {
      const c = chat();
      expectPrompt(await c.say(TRIGGERS[lang]), lang);
      // The button carries no language: the conversation's language is kept.
      expectSituationAnswer(await c.say(`guided:${id}`), id, lang);
      expect(await c.dialogStack()).toHaveLength(0);
    });

    it('"Where can I get help?" in the menu starts it', async () => {
      const c = chat();
      const menu = await c.say('menu', lang);
      expect(menu).toMatchObject({ kind: 'menu', lang });
      expect(menu.quickReplies).toContainEqual({
        label: t(lang, 'quick.guided'),
        payload: 'guided:start',
      });
      expectPrompt(await c.say('guided:start'), lang);
      expectSituationAnswer(await c.say('guided:foreign-language'), 'foreign-language', lang);
    });

    it('"Where can I get help?" in the welcome menu starts it', async () => {
      const c = chat();
      const welcome = await c.hello(lang);
      expect(welcome).toMatchObject({ kind: 'menu', lang });
      expect(payloads(welcome)).toContain('guided:start');
      expectPrompt(await c.say('guided:start'), lang);
    });

    it('"Where can I get help?" in the fallback starts it', async () => {
      const c = chat();
      const fallback = await c.say('xyzzy plugh frobnicate', lang);
      expect(fallback).toMatchObject({ kind: 'fallback', lang, answerId: null });
      expect(fallback.quickReplies).toContainEqual({
        label: t(lang, 'quick.guided'),
        payload: 'guided:start',
      });
      expectPrompt(await c.say('guided:start'), lang);
      expectSituationAnswer(await c.say('guided:job-seeker'), 'job-seeker', lang);
    });

    it('"Where can I get help?" under a help answer starts it', async () => {
      const c = chat();
      const answer = await c.say('answer:help.find-job', lang);
      expect(answer).toMatchObject({ kind: 'answer', lang, answerId: 'help.find-job' });
      expect(payloads(answer)).toContain('guided:start');
      expectPrompt(await c.say('guided:start'), lang);
    });

    it('guided:start while the dialog waits asks again, and a situation is still answered', async () => {
      const c = chat();
      expectPrompt(await c.say(TRIGGERS[lang]), lang);
      expectPrompt(await c.say('guided:start'), lang);
      expectPrompt(await c.say('guided:start'), lang);
      expect(await c.dialogStack()).not.toHaveLength(0);
      expectSituationAnswer(await c.say('guided:employer'), 'employer', lang);
    });

    it('"ask again" under a situation answer starts over', async () => {
      const c = chat();
      await c.say(TRIGGERS[lang]);
      expectSituationAnswer(await c.say('guided:parent'), 'parent', lang);
      expectPrompt(await c.say('guided:start'), lang);
      expectSituationAnswer(await c.say('guided:disability'), 'disability', lang);
    });

    it('the menu button leaves the dialog with the menu', async () => {
      const c = chat();
      expectPrompt(await c.say(TRIGGERS[lang]), lang);
      const menu = await c.say('menu');
      expect(menu).toMatchObject({ kind: 'menu', lang, answerId: null });
      expect(payloads(menu)).toContain('guided:start');
      expect(await c.dialogStack()).toHaveLength(0);
      const [question, id] = QUESTIONS[lang];
      expect(await c.say(question)).toMatchObject({ kind: 'answer', lang, answerId: id });
    });

    it('a typed question while the dialog waits is answered normally, and the dialog is left', async () => {
      const c = chat();
      expectPrompt(await c.say(TRIGGERS[lang]), lang);
      const [question, id] = QUESTIONS[lang];
      const answer = await c.say(question);
      expect(answer).toMatchObject({ kind: 'answer', lang, answerId: id });
      expect(answer).toEqual({
        type: 'message',
        ...engine.respond({ text: question }, { lang }).reply,
      });
      expect(await c.dialogStack()).toHaveLength(0);
      // The next message is a fresh turn, not an answer to the dialog's question.
      const menu = await c.say('menu');
      expect(menu).toMatchObject({ kind: 'menu', lang });
      expect(await c.dialogStack()).toHaveLength(0);
    });
  });

  describe('every trigger phrase of the language profiles', () => {
    const all = LANGUAGES.flatMap((lang) => guidedProfiles(lang));
    const working = all.filter((p) => !KNOWN_BROKEN_TRIGGERS.has(p.phrase));
    const broken = all.filter((p) => KNOWN_BROKEN_TRIGGERS.has(p.phrase));

    it('lists phrases for all four languages', () => {
      for (const lang of LANGUAGES) expect(guidedProfiles(lang).length).toBeGreaterThan(0);
      expect(broken).toHaveLength(KNOWN_BROKEN_TRIGGERS.size);
    });

    it.each(working)('$code "$phrase" starts the dialog', async ({ code, phrase }) => {
      expectPrompt(await chat().say(phrase), code);
    });

    // Regression (was a bug): the vi phrases with "tìm việc" / "việc làm" are answered as questions instead
    // (help.find-job, or agreement.roles for "giúp tôi tìm việc"). Remove from
    // KNOWN_BROKEN_TRIGGERS once fixed.
    it.each(broken)('$code "$phrase" starts the dialog', async ({ code, phrase }) => {
      expectPrompt(await chat().say(phrase), code);
    });

    it('the README\'s Vietnamese example "tôi cần tìm việc" starts the dialog', async () => {
      expectPrompt(await chat().say(README_TRIGGERS.vi), 'vi');
    });

    it.each(LANGUAGES.filter((l) => l !== 'vi'))(
      "the README's %s example starts the dialog",
      async (lang) => {
        expectPrompt(await chat().say(README_TRIGGERS[lang]), lang);
      },
    );
  });

  describe('moving between languages', () => {
    it('a trigger in another language while the dialog waits starts it again in that language', async () => {
      const c = chat();
      expectPrompt(await c.say(TRIGGERS.en), 'en');
      expectPrompt(await c.say(TRIGGERS.pt), 'pt');
      expectSituationAnswer(await c.say('guided:young'), 'young', 'pt');
    });

    it('a situation button with an explicit lang is answered in that language', async () => {
      const c = chat();
      expectPrompt(await c.say(TRIGGERS.ja), 'ja');
      expectSituationAnswer(await c.say('guided:employer', 'vi'), 'employer', 'vi');
    });

    it('an unknown situation asks again', async () => {
      const c = chat();
      expectPrompt(await c.say(TRIGGERS.en), 'en');
      expectPrompt(await c.say('guided:astronaut'), 'en');
      expectSituationAnswer(await c.say('guided:job-seeker'), 'job-seeker', 'en');
    });

    // Regression (was a bug): inside the dialog guided:start repeats the question in the language the dialog began
    // with (vars.lang) and ignores the message's explicit lang, which the API documents as
    // forcing the reply language; outside the dialog the same message is answered in pt.
    it('guided:start with an explicit lang while the dialog waits asks in that language', async () => {
      const c = chat();
      expectPrompt(await c.say(TRIGGERS.en), 'en');
      expectPrompt(await c.say('guided:start', 'pt'), 'pt');
    });
  });
});

describe('the guided dialog over POST /api/chat', () => {
  let rt: Runtime;

  beforeAll(() => {
    rt = buildTestRuntime();
  });

  afterAll(async () => {
    await close(rt);
  });

  async function post(text: string, sessionId?: string, lang?: string) {
    const res = await request(rt.app)
      .post('/api/chat')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ text, sessionId, lang }));
    expect(res.status).toBe(200);
    return res.body as {
      sessionId: string;
      lang: string;
      answerId: string | null;
      text: string;
      quickReplies: QuickReply[];
      source: string | null;
    };
  }

  function expectApiPrompt(body: Awaited<ReturnType<typeof post>>, lang: string): void {
    expect(body).toMatchObject({ lang, answerId: null, text: kb.guided.prompt[lang] });
    expect(body.quickReplies).toEqual(promptButtons(lang));
  }

  it.each(LANGUAGES)('%s: trigger, situation, ask again, menu, question', async (lang) => {
    const first = await post(TRIGGERS[lang]);
    expectApiPrompt(first, lang);
    const { sessionId } = first;

    const situation = await post('guided:job-seeker', sessionId);
    expect(situation).toMatchObject({ sessionId, lang, answerId: 'guided.job-seeker' });
    expect(situation.text).toBe(engine.guidedAnswer('job-seeker', lang)!.text);
    expect(payloads(situation)).toEqual(expect.arrayContaining(['guided:start', 'menu']));

    expectApiPrompt(await post('guided:start', sessionId), lang);
    expectApiPrompt(await post('guided:start', sessionId), lang);

    const menu = await post('menu', sessionId);
    expect(menu).toMatchObject({ lang, answerId: null, text: t(lang, 'bot.menu') });
    expect(payloads(menu)).toContain('guided:start');

    expectApiPrompt(await post('guided:start', sessionId), lang);
    const [question, id] = QUESTIONS[lang];
    expect(await post(question, sessionId)).toMatchObject({ lang, answerId: id });
    expect(await post('menu', sessionId)).toMatchObject({ lang, text: t(lang, 'bot.menu') });
  });

  it('starts from the fallback button, and each session keeps its own dialog', async () => {
    const a = await post('xyzzy plugh frobnicate', undefined, 'pt');
    expect(a).toMatchObject({ lang: 'pt', answerId: null, text: expect.stringContaining('0270') });
    expect(payloads(a)).toContain('guided:start');
    const b = await post(TRIGGERS.ja);
    expectApiPrompt(await post('guided:start', a.sessionId), 'pt');
    expect(await post('guided:parent', b.sessionId)).toMatchObject({
      lang: 'ja',
      answerId: 'guided.parent',
    });
    expect(await post('guided:parent', a.sessionId)).toMatchObject({
      lang: 'pt',
      answerId: 'guided.parent',
    });
  });
});
