import { BotkitConversation, type Botkit, type BotWorker, type BotkitMessage } from 'botkit';
import type { EngineSource } from '../../runtime/reloadable-engine';
import { parsePayload } from '../../engine/compose/reply';

export const GUIDED_DIALOG = 'guided-help';
/** Marks the dialog's question so the send middleware can fill in the engine's full reply. */
export const GUIDED_PROMPT_MARK = 'koyo-guided-prompt';

/**
 * The guided "where can I get help?" conversation as a botkit dialog: it asks which situation
 * describes the person and answers for that situation. The engine composes every message;
 * the dialog only sequences them. A button outside the question (a topic, the menu) or a typed
 * question leaves the dialog and is answered as usual, so nobody gets stuck in it.
 */
export function registerGuidedDialog(
  controller: Botkit,
  engine: EngineSource,
  answerNormally: (bot: BotWorker, message: BotkitMessage) => Promise<void>,
): void {
  const dialog = new BotkitConversation(GUIDED_DIALOG, controller);
  dialog.ask(
    {
      text: (_line: unknown, vars: { lang: string }) => engine.current.guidedPrompt(vars.lang).text,
      channelData: { koyoDialog: GUIDED_PROMPT_MARK, lang: '{{vars.lang}}' },
    },
    [
      {
        default: true,
        handler: async (response, convo, bot, message) => {
          const payload = parsePayload(String(response ?? ''));
          if (payload?.type === 'guided' && payload.value === 'start') {
            // An explicit language on the restart wins, as everywhere else.
            if (engine.current.isLanguage(message.lang as string | undefined))
              convo.setVar('lang', message.lang);
            return convo.repeat();
          }
          await convo.stop();
          await answerNormally(bot, message);
        },
      },
    ],
    'situation',
  );
  controller.addDialog(dialog);

  // Fill the dialog's question with the engine's reply object (text, buttons, language, kind).
  controller.middleware.send.use((_bot: BotWorker, message: BotkitMessage, next: () => void) => {
    const data = message.channelData as { koyoDialog?: string; lang?: string } | undefined;
    if (data?.koyoDialog === GUIDED_PROMPT_MARK) {
      const live = engine.current;
      const lang = live.isLanguage(data.lang) ? data.lang : live.defaultLanguage;
      const reply = live.guidedPrompt(lang);
      message.text = reply.text;
      message.channelData = { ...reply };
      delete (message as { suggestedActions?: unknown }).suggestedActions;
    }
    next();
  });
}
