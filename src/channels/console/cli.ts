/**
 * The staff console: the same botkit controller the web uses, driven from a terminal.
 *   npm run console                      interactive session (/help for commands)
 *   npm run console -- --ask "…" [--json] [--lang xx]
 *   npm run console -- --batch FILE      regression file → pass/fail table, exit 1 on failures
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createBot, type KoyoBot } from '../../bot/botkit/create-bot';
import { BoundedMemoryStorage } from '../../bot/session-store';
import { KnowledgeError } from '../../errors';
import type { Translate } from '../../i18n/locales';
import { createLogger } from '../../logger';
import { loadEngine } from '../../runtime/load-engine';
import { meets, readBatch } from './batch';
import { formatReply, formatTrace } from './format';

interface Session {
  user: string;
  lang: string;
  forced?: string;
  debug: boolean;
  lastQuickReplies: string[];
}

function setup(): { bot: KoyoBot; t: Translate; languages: string[]; defaultLang: string } {
  const { engine, kb, t } = loadEngine();
  const storage = new BoundedMemoryStorage({ maxEntries: 1000, idleMs: 24 * 3600_000 });
  const bot = createBot({
    engine: { current: engine },
    storage,
    logger: createLogger('silent'),
    t,
    contact: kb.bot.contact,
  });
  return { bot, t, languages: engine.languages, defaultLang: kb.bot.defaultLanguage };
}

async function askOnce(text: string, json: boolean, lang: string | undefined): Promise<number> {
  const { bot, t } = setup();
  const { replies } = await bot.ask({ type: 'message', user: randomUUID(), text, lang });
  for (const reply of replies) {
    process.stdout.write(json ? `${JSON.stringify(reply)}\n` : `${formatReply(reply, t)}\n`);
  }
  return 0;
}

async function runBatch(file: string): Promise<number> {
  const { bot, t } = setup();
  let passed = 0;
  let failed = 0;
  for (const row of readBatch(file)) {
    if ('error' in row) {
      failed++;
      process.stdout.write(
        `${t('en', 'console.batchFail')}  ${t('en', 'console.batchBadLine', { file, line: row.line, message: row.error })}\n`,
      );
      continue;
    }
    const { replies } = await bot.ask({
      type: 'message',
      user: randomUUID(),
      text: row.item.text,
      lang: row.item.lang,
    });
    const reply = replies[replies.length - 1];
    const ok = reply !== undefined && meets(row.item.expected, reply);
    ok ? passed++ : failed++;
    const got = reply ? (reply.answerId ?? reply.kind) : 'no reply';
    process.stdout.write(
      `${(ok ? t('en', 'console.batchPass') : t('en', 'console.batchFail')).padEnd(5)} ${String(row.line).padStart(4)}  ${row.item.expected.padEnd(28)} ${got.padEnd(28)} ${row.item.text}\n`,
    );
  }
  process.stdout.write(`${t('en', 'console.batchSummary', { passed, failed })}\n`);
  return failed > 0 ? 1 : 0;
}

/** Handles a staff command; returns false when the console should end. */
function command(line: string, s: Session, languages: string[], t: Translate): boolean {
  const [cmd, arg] = line.split(/\s+/);
  const say = (key: string, vars?: Record<string, string>) =>
    process.stdout.write(`${t(s.lang, key, vars)}\n`);
  switch (cmd) {
    case '/quit':
    case '/exit':
      say('console.bye');
      return false;
    case '/help':
      say('console.help');
      break;
    case '/debug':
      s.debug = !s.debug;
      say(s.debug ? 'console.debugOn' : 'console.debugOff');
      break;
    case '/reset':
      s.user = randomUUID();
      s.lastQuickReplies = [];
      say('console.reset');
      break;
    case '/lang':
      if (arg === 'auto') {
        s.forced = undefined;
        say('console.langAuto');
      } else if (arg && languages.includes(arg)) {
        s.forced = arg;
        s.lang = arg;
        say('console.langForced', { lang: arg });
      } else say('console.langUnknown', { lang: arg ?? '', list: languages.join(', ') });
      break;
    default:
      say('console.unknownCommand', { command: cmd ?? '' });
  }
  return true;
}

async function interactive(): Promise<number> {
  const { bot, t, languages, defaultLang } = setup();
  const s: Session = { user: randomUUID(), lang: defaultLang, debug: false, lastQuickReplies: [] };
  process.stdout.write(`${t(s.lang, 'console.intro')}\n`);
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line.startsWith('/')) {
      if (!command(line, s, languages, t)) break;
    } else if (line) {
      // A number picks one of the buttons under the last reply, as a click would.
      const picked = /^\d+$/.test(line) ? s.lastQuickReplies[Number(line) - 1] : undefined;
      const { replies, trace } = await bot.ask({
        type: 'message',
        user: s.user,
        text: picked ?? line,
        lang: s.forced,
      });
      for (const reply of replies) {
        process.stdout.write(`${formatReply(reply, t)}\n`);
        s.lang = reply.lang;
        s.lastQuickReplies = reply.quickReplies.map((q) => q.payload);
      }
      if (s.debug && trace) process.stdout.write(`${formatTrace(trace)}\n`);
    }
    rl.prompt();
  }
  rl.close();
  await bot.shutdown();
  return 0;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      ask: { type: 'string' },
      batch: { type: 'string' },
      json: { type: 'boolean', default: false },
      lang: { type: 'string' },
    },
  });
  if (values.ask !== undefined) return askOnce(values.ask, values.json ?? false, values.lang);
  if (values.batch !== undefined) return runBatch(values.batch);
  return interactive();
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `${err instanceof KnowledgeError ? err.message : `koyo-bot console: ${(err as Error).message}`}\n`,
    );
    process.exit(2);
  },
);
