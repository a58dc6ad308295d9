import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import type { KoyoBot } from '../../bot/botkit/create-bot';
import type { OriginPolicy } from './origins';

export const SOCKET_PATH = '/ws';

/** The HTTP server for the app, with the bot's websocket attached on /ws. It does not listen. */
export function createWebServer(
  app: Express,
  bot: KoyoBot,
  origins: OriginPolicy,
  trustProxy = 0,
): Server {
  const server = createServer(app);
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  bot.adapter.attach(server, bot.controller.handleTurn.bind(bot.controller), {
    path: SOCKET_PATH,
    maxPayload: 4096,
    messagesPerWindow: 30,
    windowMs: 10_000,
    maxConnectionsPerAddress: 20,
    heartbeatMs: 30_000,
    allowOrigin: (origin, host) => origins.allows(origin, host),
    trustProxy,
  });
  return server;
}

/**
 * Stops accepting connections, lets requests in flight finish, then closes the bot's
 * sockets. Idle keep-alive connections are closed at once so the close does not wait on them.
 */
export async function closeGracefully(
  server: Server,
  bot: KoyoBot,
  timeoutMs = 10_000,
): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await bot.shutdown();
  const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
  timer.unref();
  await closed;
  clearTimeout(timer);
}
