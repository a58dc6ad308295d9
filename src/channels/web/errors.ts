import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { HttpError } from '../../errors';
import type { Translate } from '../../i18n/locales';

/** Picks the language for an error message: the body's `lang`, else the browser's, else English. */
export function errorLanguage(req: Request, languages: readonly string[]): string {
  const fromBody = (req.body as { lang?: unknown } | undefined)?.lang;
  if (typeof fromBody === 'string' && languages.includes(fromBody)) return fromBody;
  const accepted = req.acceptsLanguages(...languages);
  return typeof accepted === 'string' ? accepted : 'en';
}

/** Sends the one error shape of the API: `{"error": {"code", "message"}}`, message localised. */
export function sendError(
  res: Response,
  req: Request,
  deps: { t: Translate; languages: readonly string[] },
  error: HttpError,
  vars: Record<string, string | number> = {},
): void {
  const lang = errorLanguage(req, deps.languages);
  res
    .status(error.status)
    .json({ error: { code: error.code, message: deps.t(lang, `api.${error.code}`, vars) } });
}

/** Maps body-parser's and our own errors to JSON; anything unexpected is logged and becomes a 500. */
export function errorHandler(deps: {
  t: Translate;
  languages: readonly string[];
  logger: Logger;
}): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) return;
    if (err instanceof HttpError) return sendError(res, req, deps, err);
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large')
      return sendError(res, req, deps, new HttpError(413, 'payload_too_large', ''));
    if (type === 'entity.parse.failed')
      return sendError(res, req, deps, new HttpError(400, 'invalid_json', ''));
    if (type === 'encoding.unsupported' || type === 'charset.unsupported')
      return sendError(res, req, deps, new HttpError(415, 'unsupported_media_type', ''));
    // Any other client error body-parser raises (a corrupt gzip body, say) is the client's, not ours.
    const status = (err as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500)
      return sendError(res, req, deps, new HttpError(400, 'invalid_body', ''));
    deps.logger.error(
      { err: { name: (err as Error).name, message: (err as Error).message }, path: req.path },
      'request failed',
    );
    sendError(res, req, deps, new HttpError(500, 'internal', ''));
  };
}

export function notFound(deps: { t: Translate; languages: readonly string[] }): RequestHandler {
  return (req, res) => sendError(res, req, deps, new HttpError(404, 'not_found', ''));
}
