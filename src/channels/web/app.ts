import { join } from 'node:path';
import { ROOT } from '../../runtime/paths';
import express, { type Express } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { HttpError } from '../../errors';
import { apiRouter, type ApiDeps } from './api';
import { errorHandler, notFound, sendError } from './errors';
import type { OriginPolicy } from './origins';

export const PUBLIC_DIR = join(ROOT, 'src', 'channels', 'web', 'public');

export interface AppDeps extends ApiDeps {
  logger: Logger;
  origins: OriginPolicy;
  /** Requests per minute per address on the API; 0 turns the limit off. */
  rateLimitPerMinute: number;
  trustProxy: number;
  publicDir?: string;
}

/**
 * The web channel's express app: the chat page, the embed loader, the JSON API and health
 * check, behind helmet's headers, a strict CSP and the origin allowlist. It never listens;
 * main.ts does, so tests can call it in memory.
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  const publicDir = deps.publicDir ?? PUBLIC_DIR;

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'self'", ...deps.origins.list],
        },
      },
      // Framing is governed by CSP frame-ancestors (the allowlist), which X-Frame-Options cannot express.
      xFrameOptions: false,
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });

  // The loader is pasted into city pages of other origins: it must be loadable cross-origin.
  app.get(['/embed.js', '/embed.css'], (_req, res, next) => {
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    next();
  });

  // CORS first, so an allowed page can read every answer, a 429 included.
  app.use('/api', deps.origins.cors());
  if (deps.rateLimitPerMinute > 0) {
    app.use(
      '/api',
      rateLimit({
        windowMs: 60_000,
        limit: deps.rateLimitPerMinute,
        standardHeaders: 'draft-7',
        legacyHeaders: false,
        skip: (req) => req.method === 'OPTIONS',
        handler: (req, res) => sendError(res, req, deps, new HttpError(429, 'rate_limited', '')),
      }),
    );
  }
  app.use('/api', (req, res, next) => {
    if (deps.origins.allows(req.headers.origin, req.headers.host)) return next();
    sendError(res, req, deps, new HttpError(403, 'origin_not_allowed', ''));
  });
  app.use('/api', apiRouter(deps));
  app.use(express.static(publicDir, { index: 'index.html', maxAge: '5m', fallthrough: true }));
  app.use(notFound(deps));
  app.use(errorHandler(deps));
  return app;
}
