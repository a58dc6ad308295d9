import { Botkit, type BotWorker, type BotkitMessage } from 'botkit';
import { TurnContext, type ConversationState, type Storage } from 'botbuilder';
import type { Logger } from 'pino';
import type { Reply } from '../../engine/compose/reply';
import type { SessionState, Trace } from '../../engine/engine';
import type { EngineSource } from '../../runtime/reloadable-engine';
import type { Translate } from '../../i18n/locales';
import type { UnansweredLog } from '../../insights/unanswered-log';
import { GUIDED_DIALOG, registerGuidedDialog } from './guided-dialog';
import { HardenedWebAdapter } from './hardened-web-adapter';
import { TRACE_KEY, type IncomingMessage, type OutgoingMessage } from './turn';

export interface BotDeps {
  /** The live engine, read once per turn (it may be reloaded between turns). */
  engine: EngineSource;
  storage: Storage;
  logger: Logger;
  t: Translate;
  /** The human contact interpolated into the error reply. */
  contact: { phone: string };
  /** Where questions the bot could not answer are recorded (masked) for staff. */
  unanswered?: Pick<UnansweredLog, 'record'>;
}

export interface DirectTurn {
  replies: OutgoingMessage[];
  trace: Trace | undefined;
}

/** The one bot: a botkit controller whose handlers run the answer engine, shared by every channel. */
export interface KoyoBot {
  controller: Botkit;
  adapter: HardenedWebAdapter;
  /** Runs one turn through the controller outside the websocket (HTTP API, staff console, tests). */
  ask(message: IncomingMessage): Promise<DirectTurn>;
  shutdown(): Promise<void>;
}

const STATE_PROPERTY = 'koyoSession';

/**
 * Creates the botkit controller with our adapter and storage. Botkit's own web server and
 * webhook route are disabled (the web channel owns HTTP and validates before anything reaches
 * the bot), and every handler is wrapped so that an error becomes a logged error and a polite
 * reply instead of an unhandled rejection that would end the process.
 */
export function createBot(deps: BotDeps): KoyoBot {
  const adapter = new HardenedWebAdapter(deps.logger);
  const controller = new Botkit({
    adapter,
    storage: deps.storage,
    disable_webserver: true,
    disable_console: true,
  });
  // Botkit keeps its conversation state private; the session rides in the same store and turn.
  const state = (controller as unknown as { conversationState: ConversationState })
    .conversationState;
  const session = state.createProperty<SessionState>(STATE_PROPERTY);

  const send = async (bot: BotWorker, message: BotkitMessage, reply: Reply): Promise<void> => {
    await bot.reply(message, { type: 'message', text: reply.text, channelData: { ...reply } });
  };

  const guarded =
    (name: string, handler: (bot: BotWorker, message: BotkitMessage) => Promise<void>) =>
    async (bot: BotWorker, message: BotkitMessage): Promise<void> => {
      try {
        await handler(bot, message);
      } catch (err) {
        deps.logger.error(
          { err: { name: (err as Error).name, message: (err as Error).message }, handler: name },
          'handler failed',
        );
        const lang = deps.engine.current.isLanguage(message.lang as string)
          ? (message.lang as string)
          : 'en';
        const text = deps.t(lang, 'bot.error', { phone: deps.contact.phone });
        await send(bot, message, {
          lang,
          kind: 'error',
          text,
          answerId: null,
          quickReplies: [],
          source: null,
        }).catch(() => undefined);
      }
    };

  /** One message through the engine: the reply, the new session state, and the guided dialog when asked. */
  const answer = async (bot: BotWorker, message: BotkitMessage): Promise<void> => {
    const context = bot.getConfig('context') as TurnContext;
    const previous = (await session.get(context, {})) ?? {};
    const turn = deps.engine.current.respond(
      { text: String(message.text ?? ''), lang: message.lang as string | undefined },
      previous,
    );
    await session.set(context, turn.state);
    context.turnState.set(TRACE_KEY, turn.trace);
    deps.logger.info(
      { lang: turn.reply.lang, kind: turn.reply.kind, answerId: turn.reply.answerId },
      'turn',
    );
    const { kind } = turn.reply;
    if (kind === 'fallback' || kind === 'clarify') {
      deps.unanswered?.record({
        lang: turn.reply.lang,
        outcome: kind,
        text: String(message.text ?? ''),
        candidates: turn.trace.candidates.map((c) => ({ id: c.entryId, score: c.score })),
      });
    }
    if (turn.action === 'guided') await bot.beginDialog(GUIDED_DIALOG, { lang: turn.reply.lang });
    else await send(bot, message, turn.reply);
  };

  registerGuidedDialog(controller, deps.engine, guarded('guided', answer));
  controller.on('message', guarded('message', answer));

  controller.on(
    'hello',
    guarded('hello', async (bot, message) => {
      const context = bot.getConfig('context') as TurnContext;
      const previous = (await session.get(context, {})) ?? {};
      const lang = deps.engine.current.isLanguage(message.lang as string)
        ? (message.lang as string)
        : (previous.lang ?? deps.engine.current.defaultLanguage);
      await session.set(context, { ...previous, lang });
      await send(bot, message, deps.engine.current.welcome(lang));
    }),
  );

  // A reloaded page keeps its transcript: nothing to say, the session simply goes on.
  controller.on(
    'welcome_back',
    guarded('welcome_back', async () => undefined),
  );

  const ask = async (message: IncomingMessage): Promise<DirectTurn> => {
    const context = new TurnContext(adapter, adapter.activityFor(message, 'webhook'));
    await adapter.runTurn(context, controller.handleTurn.bind(controller));
    return {
      replies: (context.turnState.get('httpBody') as OutgoingMessage[] | undefined) ?? [],
      trace: context.turnState.get(TRACE_KEY) as Trace | undefined,
    };
  };

  const shutdown = async (): Promise<void> => {
    await adapter.close();
  };

  return { controller, adapter, ask, shutdown };
}
