import { randomUUID } from 'node:crypto';
import { Router, json, type Request } from 'express';
import { z } from 'zod';
import { USER_ID } from '../../bot/botkit/hardened-web-adapter';
import type { KoyoBot } from '../../bot/botkit/create-bot';
import { MAX_MESSAGE_LENGTH } from '../../engine/engine';
import { HttpError } from '../../errors';
import type { Translate } from '../../i18n/locales';
import { sendError } from './errors';

export interface ApiDeps {
  bot: KoyoBot;
  t: Translate;
  languages: readonly string[];
  /** The `web` section of every locale, for the page. */
  webStrings: Record<string, unknown>;
}

const ChatBodySchema = z.looseObject({
  text: z.unknown().optional(),
  lang: z.unknown().optional(),
  sessionId: z.unknown().optional(),
});

/** The body of POST /api/chat, checked field by field so each mistake gets its own code. */
function parseChat(
  body: unknown,
  languages: readonly string[],
): { text: string; lang?: string; sessionId?: string } {
  const shape = ChatBodySchema.safeParse(body);
  if (!shape.success || Array.isArray(body)) throw new HttpError(400, 'invalid_body', '');
  const { text, lang, sessionId } = shape.data;
  if (typeof text !== 'string' || text.trim() === '') throw new HttpError(400, 'text_required', '');
  if (text.length > MAX_MESSAGE_LENGTH) throw new HttpError(400, 'text_too_long', '');
  if (lang !== undefined && (typeof lang !== 'string' || !languages.includes(lang)))
    throw new HttpError(400, 'unknown_lang', '');
  if (sessionId !== undefined && (typeof sessionId !== 'string' || !USER_ID.test(sessionId)))
    throw new HttpError(400, 'bad_session_id', '');
  return { text, lang: lang as string | undefined, sessionId: sessionId as string | undefined };
}

/** The JSON API: a stable contract documented in the README. */
export function apiRouter(deps: ApiDeps): Router {
  const router = Router();
  const vars = { max: MAX_MESSAGE_LENGTH, list: deps.languages.join(', ') };
  const fail = (req: Request, res: Parameters<typeof sendError>[0], err: HttpError) =>
    sendError(res, req, deps, err, vars);

  router.post('/chat', (req, res, next) => {
    if (!req.is('application/json'))
      return fail(req, res, new HttpError(415, 'unsupported_media_type', ''));
    next();
  });
  router.post('/chat', json({ limit: '8kb', strict: false }));
  router.post('/chat', async (req, res, next) => {
    let input: ReturnType<typeof parseChat>;
    try {
      input = parseChat(req.body, deps.languages);
    } catch (err) {
      return fail(req, res, err as HttpError);
    }
    try {
      const sessionId = input.sessionId ?? randomUUID();
      const { replies } = await deps.bot.ask({
        type: 'message',
        user: sessionId,
        text: input.text,
        lang: input.lang,
      });
      const reply = replies[replies.length - 1];
      if (!reply) throw new Error('the bot gave no reply');
      res.json({
        sessionId,
        lang: reply.lang,
        answerId: reply.answerId,
        text: reply.text,
        quickReplies: reply.quickReplies,
        source: reply.source,
      });
    } catch (err) {
      next(err);
    }
  });

  router.get('/locales', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(deps.webStrings);
  });
  return router;
}
