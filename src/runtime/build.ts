import type { Express } from 'express';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { BoundedMemoryStorage } from '../bot/session-store';
import { createBot, type KoyoBot } from '../bot/botkit/create-bot';
import { createApp } from '../channels/web/app';
import { OriginPolicy } from '../channels/web/origins';
import { createWebServer } from '../channels/web/server';
import type { Config } from '../config';
import { UnansweredLog } from '../insights/unanswered-log';
import { loadEngine, type LoadedEngine } from './load-engine';
import { ReloadableEngine } from './reloadable-engine';

export interface Runtime extends LoadedEngine {
  bot: KoyoBot;
  app: Express;
  server: Server;
  storage: BoundedMemoryStorage;
  unanswered: UnansweredLog;
  live: ReloadableEngine;
}

/** Wires the parts: knowledge → engine → bot → web app → HTTP server (not yet listening). */
export function buildRuntime(config: Config, logger: Logger): Runtime {
  const loaded = loadEngine();
  const { engine, kb, t } = loaded;
  const live = new ReloadableEngine(loaded, () => loadEngine(), logger);
  const storage = new BoundedMemoryStorage({
    maxEntries: config.SESSION_MAX,
    idleMs: config.SESSION_IDLE_MINUTES * 60_000,
  });
  const unanswered = new UnansweredLog({ dir: config.DATA_DIR, maxBytes: 5 * 1024 * 1024, logger });
  const bot = createBot({ engine: live, storage, logger, t, contact: kb.bot.contact, unanswered });
  const origins = new OriginPolicy(config.ALLOWED_ORIGINS);
  const webStrings = Object.fromEntries(
    engine.languages.map((l) => [l, loaded.locales[l]?.web ?? {}]),
  );
  const app = createApp({
    bot,
    t,
    languages: engine.languages,
    webStrings,
    logger,
    origins,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    trustProxy: config.TRUST_PROXY,
  });
  const server = createWebServer(app, bot, origins, config.TRUST_PROXY);
  return { ...loaded, bot, app, server, storage, unanswered, live };
}
