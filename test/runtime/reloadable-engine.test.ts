import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBot, type KoyoBot } from '../../src/bot/botkit/create-bot';
import { BoundedMemoryStorage } from '../../src/bot/session-store';
import type { Engine } from '../../src/engine/engine';
import { createLogger } from '../../src/logger';
import { loadEngine } from '../../src/runtime/load-engine';
import { KNOWLEDGE_DIR, LOCALES_DIR } from '../../src/runtime/paths';
import { ReloadableEngine } from '../../src/runtime/reloadable-engine';
import { capturingLogger } from '../web/helpers';

const QUESTION = 'When is the signing ceremony?';
const ENTRY = 'ceremony.date';
const EDITED = 'Edited by staff: the signing ceremony date is in the press release.';
const EDITED_AGAIN = 'Edited twice: ask the Commerce and Labour Division for the date.';

type Json = Record<string, unknown>;
interface EntryFile {
  entries: Array<{ id: string; text: Record<string, { answer: string } & Json> } & Json>;
}

let root: string;
let knowledge: string;
let locales: string;
let live: ReloadableEngine;
let logs: ReturnType<typeof capturingLogger>;
let originalAnswer: string;

const load = () => loadEngine({ knowledge, locales });
const ceremonyFile = () => join(knowledge, 'entries', 'ceremony.json');

function editJson<T>(file: string, edit: (data: T) => void): void {
  const data = JSON.parse(readFileSync(file, 'utf8')) as T;
  edit(data);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

function editAnswer(lang: string, answer: string): void {
  editJson<EntryFile>(ceremonyFile(), (data) => {
    const entry = data.entries.find((e) => e.id === ENTRY)!;
    entry.text[lang]!.answer = answer;
  });
}

function answerOf(engine: Engine, text = QUESTION): { answerId: string | null; text: string } {
  const { reply } = engine.respond({ text });
  return { answerId: reply.answerId, text: reply.text };
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return condition();
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'koyo-reload-'));
  knowledge = join(root, 'knowledge');
  locales = join(root, 'locales');
  cpSync(KNOWLEDGE_DIR, knowledge, { recursive: true });
  cpSync(LOCALES_DIR, locales, { recursive: true });
  logs = capturingLogger('info');
  live = new ReloadableEngine(load(), load, logs.logger);
  originalAnswer = answerOf(live.current).text;
});

afterEach(() => {
  live.close();
  rmSync(root, { recursive: true, force: true });
});

describe('ReloadableEngine.reload()', () => {
  it('answers from the copy before any edit', () => {
    expect(answerOf(live.current)).toEqual({ answerId: ENTRY, text: expect.any(String) });
    expect(originalAnswer).toContain('2025');
    expect(originalAnswer).not.toBe(EDITED);
  });

  it('an edited answer is answered after reload', () => {
    editAnswer('en', EDITED);
    const before = live.current;
    const result = live.reload();
    expect(result).toEqual({ ok: true, entries: load().kb.entries.length });
    expect(live.current).not.toBe(before);
    expect(answerOf(live.current)).toEqual({ answerId: ENTRY, text: EDITED });
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({ msg: 'knowledge reloaded', entries: result.ok && result.entries }),
    );

    editAnswer('en', EDITED_AGAIN);
    expect(live.reload().ok).toBe(true);
    expect(answerOf(live.current).text).toBe(EDITED_AGAIN);
  });

  it('an edit in one language changes only that language', () => {
    const pt = answerOf(live.current, 'Quando é a cerimônia de assinatura?');
    editAnswer('en', EDITED);
    live.reload();
    expect(answerOf(live.current, 'Quando é a cerimônia de assinatura?')).toEqual(pt);
  });

  it('a locale edit is used after reload', () => {
    editJson<{ bot: Json }>(join(locales, 'en.json'), (data) => {
      data.bot.menu = 'Edited menu text.';
    });
    expect(live.reload().ok).toBe(true);
    expect(live.current.respond({ text: 'menu', lang: 'en' }).reply.text).toBe('Edited menu text.');
  });

  it('invalid JSON is rejected naming the file, and the old engine keeps answering', () => {
    const before = live.current;
    writeFileSync(ceremonyFile(), readFileSync(ceremonyFile(), 'utf8').replace('{', '{,'));
    const result = live.reload();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('entries/ceremony.json');
    expect(live.current).toBe(before);
    expect(answerOf(live.current)).toEqual({ answerId: ENTRY, text: originalAnswer });
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({
        level: 50,
        msg: 'knowledge edit rejected; still serving the last good version',
        err: expect.objectContaining({
          message: expect.stringContaining('entries/ceremony.json'),
        }),
      }),
    );
  });

  it('an entry missing text.vi is rejected naming the file, the entry and the field', () => {
    editAnswer('en', EDITED); // a valid edit in the same save must not get through either
    editJson<EntryFile>(ceremonyFile(), (data) => {
      delete data.entries.find((e) => e.id === ENTRY)!.text.vi;
    });
    const result = live.reload();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toContain('entries/ceremony.json');
    expect(result.error).toContain(`[entry ${ENTRY}]`);
    expect(result.error).toContain('text.vi');
    expect(answerOf(live.current).text).toBe(originalAnswer);
    expect(answerOf(live.current, 'Lễ ký kết ngày nào?').answerId).toBe(ENTRY);
  });

  it('a locale missing a key is rejected naming the locale file', () => {
    editJson<{ bot: Json }>(join(locales, 'pt.json'), (data) => {
      delete data.bot.menu;
    });
    const result = live.reload();
    expect(result).toEqual({ ok: false, error: expect.stringContaining('locales/pt.json') });
    expect(!result.ok && result.error).toContain('bot.menu');
    expect(live.current.respond({ text: 'menu', lang: 'pt' }).reply.text.length).toBeGreaterThan(0);
  });

  it('a broken guided.json is rejected naming it', () => {
    editJson<{ prompt: Json }>(join(knowledge, 'guided.json'), (data) => {
      delete data.prompt.ja;
    });
    const result = live.reload();
    expect(result).toEqual({ ok: false, error: expect.stringContaining('guided.json') });
    expect(live.current.guidedPrompt('ja').text.length).toBeGreaterThan(0);
  });

  it('once the broken file is fixed, the next reload takes the fixed version', () => {
    const good = readFileSync(ceremonyFile(), 'utf8');
    writeFileSync(ceremonyFile(), '{ "entries": [');
    expect(live.reload().ok).toBe(false);
    writeFileSync(ceremonyFile(), good);
    editAnswer('en', EDITED);
    expect(live.reload().ok).toBe(true);
    expect(answerOf(live.current).text).toBe(EDITED);
  });

  it('a turn holding the previous engine still answers after the swap', () => {
    const inFlight = live.current;
    editAnswer('en', EDITED);
    expect(live.reload().ok).toBe(true);
    expect(live.current).not.toBe(inFlight);
    // The turn that started before the reload finishes on the version it started with.
    expect(answerOf(inFlight)).toEqual({ answerId: ENTRY, text: originalAnswer });
    const { reply, state } = inFlight.respond(
      { text: 'and where?' },
      { lang: 'en', lastEntryId: ENTRY },
    );
    expect(reply.answerId).toBe('ceremony.place');
    // The next turn, with the state the old engine returned, runs on the new one.
    expect(live.current.respond({ text: 'and when?' }, state).reply).toMatchObject({
      answerId: ENTRY,
      text: EDITED,
    });
  });
});

describe('ReloadableEngine behind the bot', () => {
  let bot: KoyoBot;

  beforeEach(() => {
    bot = createBot({
      engine: live,
      storage: new BoundedMemoryStorage({ maxEntries: 100, idleMs: 60_000 }),
      logger: createLogger('silent'),
      t: load().t,
      contact: load().kb.bot.contact,
    });
  });

  afterEach(async () => {
    await bot.shutdown();
  });

  const say = async (user: string, text: string) => {
    const { replies } = await bot.ask({ type: 'message', user, text });
    return replies[replies.length - 1]!;
  };

  it('each turn reads the live engine: the next question gets the new answer', async () => {
    expect(await say('u1', QUESTION)).toMatchObject({ answerId: ENTRY, text: originalAnswer });
    editAnswer('en', EDITED);
    expect(live.reload().ok).toBe(true);
    expect(await say('u1', QUESTION)).toMatchObject({ answerId: ENTRY, text: EDITED });
    expect(await say('u2', QUESTION)).toMatchObject({ answerId: ENTRY, text: EDITED });
  });

  it('a guided dialog started before a reload goes on with the new version', async () => {
    expect(await say('u3', 'I need a job')).toMatchObject({ kind: 'guided', lang: 'en' });
    editJson<{ prompt: Json }>(join(knowledge, 'guided.json'), (data) => {
      data.prompt.en = 'Edited: which of these is you?';
    });
    expect(live.reload().ok).toBe(true);
    expect(await say('u3', 'guided:start')).toMatchObject({
      kind: 'guided',
      text: 'Edited: which of these is you?',
    });
    expect(await say('u3', 'guided:employer')).toMatchObject({ answerId: 'guided.employer' });
  });
});

describe('ReloadableEngine.watch()', () => {
  it('picks up an edit by itself, and close() stops watching', async () => {
    const initial = live.current;
    live.watch([knowledge, locales], 50);
    editAnswer('en', EDITED);
    expect(await waitFor(() => live.current !== initial)).toBe(true);
    expect(answerOf(live.current).text).toBe(EDITED);

    live.close();
    const afterClose = live.current;
    editAnswer('en', EDITED_AGAIN);
    expect(await waitFor(() => live.current !== afterClose, 1_000)).toBe(false);
    expect(answerOf(live.current).text).toBe(EDITED);
    // A reload by hand (SIGHUP) still works after close().
    expect(live.reload().ok).toBe(true);
    expect(answerOf(live.current).text).toBe(EDITED_AGAIN);
  });

  it('picks up an edit in a locale file', async () => {
    const initial = live.current;
    live.watch([knowledge, locales], 50);
    editJson<{ bot: Json }>(join(locales, 'en.json'), (data) => {
      data.bot.menu = 'Edited menu text.';
    });
    expect(await waitFor(() => live.current !== initial)).toBe(true);
    expect(live.current.respond({ text: 'menu', lang: 'en' }).reply.text).toBe('Edited menu text.');
  });

  it('a broken edit seen by the watcher is logged and the old engine keeps answering', async () => {
    const initial = live.current;
    live.watch([knowledge, locales], 50);
    writeFileSync(ceremonyFile(), '{ "entries": [');
    const rejected = () =>
      logs
        .lines()
        .some((l) => l.msg === 'knowledge edit rejected; still serving the last good version');
    expect(await waitFor(rejected)).toBe(true);
    expect(live.current).toBe(initial);
    expect(answerOf(live.current).text).toBe(originalAnswer);
  });

  it('several quick writes end in one reload with the last version', async () => {
    const initial = live.current;
    live.watch([knowledge, locales], 200);
    editAnswer('en', 'first draft');
    editAnswer('en', 'second draft');
    editAnswer('en', EDITED);
    expect(await waitFor(() => live.current !== initial)).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(answerOf(live.current).text).toBe(EDITED);
    expect(logs.lines().filter((l) => l.msg === 'knowledge reloaded')).toHaveLength(1);
  });
});
