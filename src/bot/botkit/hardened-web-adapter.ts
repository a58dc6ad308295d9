import type { IncomingMessage as HttpRequest, Server } from 'node:http';
import { ActivityTypes, TurnContext, type Activity, type ResourceResponse } from 'botbuilder';
import { WebAdapter } from 'botbuilder-adapter-web';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import type { IncomingMessage } from './turn';

export const USER_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** A websocket message as the page may send it; anything else closes the connection. */
export const IncomingMessageSchema = z.strictObject({
  type: z.enum(['message', 'hello', 'welcome_back']),
  user: z.string().regex(USER_ID),
  text: z.string().max(1000).optional(),
  lang: z.string().max(8).nullable().optional(),
});

export interface SocketOptions {
  path: string;
  /** Largest frame accepted, in bytes; a larger one closes the connection. */
  maxPayload: number;
  /** Messages one connection may send per window before it is closed. */
  messagesPerWindow: number;
  windowMs: number;
  /** Open connections one address may hold. */
  maxConnectionsPerAddress: number;
  /** Decides whether a browser page of this origin may connect (undefined: not a browser). */
  allowOrigin: (origin: string | undefined, host: string | undefined) => boolean;
  heartbeatMs: number;
  /** Reverse-proxy hops to trust for the client address (X-Forwarded-For), as express's `trust proxy`. */
  trustProxy?: number;
}

type Logic = (context: TurnContext) => Promise<void>;

interface Client {
  socket: WebSocket;
  alive: boolean;
  user?: string;
  address: string;
  window: { start: number; count: number };
  /** Turns of one socket run one after another, so each sees the session the previous one left. */
  queue: Promise<void>;
}

/** Close codes sent to a misbehaving client (RFC 6455: 1008 policy violation). */
const POLICY = 1008;

/**
 * Botkit's web adapter with the websocket rebuilt for the open internet. The original trusts
 * any `user` a client names (so one socket can take over another's replies), has no size or
 * rate limit, logs and ignores malformed JSON, and starts a heartbeat timer it never clears.
 * Here every frame is size-limited and validated with zod, a socket is bound to the first user
 * id it names, floods and bad frames close only the offending socket, and close() stops it all.
 */
export class HardenedWebAdapter extends WebAdapter {
  private socketServer: WebSocketServer | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly clients = new Map<string, Client>();
  /** Every open socket, named or not, so the heartbeat reaches silent ones too. */
  private readonly connections = new Set<Client>();
  private readonly perAddress = new Map<string, number>();

  constructor(private readonly logger: Logger) {
    super();
  }

  /** Botkit calls this on start; the socket is attached explicitly by the web channel instead. */
  init(): void {}

  /** Builds the activity botkit expects from a validated client message. */
  activityFor(message: IncomingMessage, channelId: 'webhook' | 'websocket'): Partial<Activity> {
    const channelData: Record<string, unknown> = { ...message };
    const isMessage = message.type === 'message';
    if (!isMessage) channelData.botkitEventType = message.type;
    return {
      timestamp: new Date(),
      channelId,
      conversation: { id: message.user } as Activity['conversation'],
      from: { id: message.user, name: '' },
      recipient: { id: 'bot', name: 'koyo-bot' },
      channelData,
      text: message.text ?? '',
      type: isMessage ? ActivityTypes.Message : ActivityTypes.Event,
    };
  }

  /** Runs botkit's turn logic, logging (not throwing) what fails inside it. */
  async runTurn(context: TurnContext, logic: Logic): Promise<void> {
    try {
      await this.runMiddleware(context, logic);
    } catch (err) {
      this.logger.error({ err: { message: (err as Error).message } }, 'turn failed');
      throw err;
    }
  }

  attach(server: Server, logic: Logic, options: SocketOptions): void {
    this.socketServer = new WebSocketServer({
      server,
      path: options.path,
      maxPayload: options.maxPayload,
      verifyClient: ({ req }: { req: HttpRequest }) => this.admit(req, options),
    });
    this.socketServer.on('connection', (socket, req) =>
      this.onConnection(socket, req, logic, options),
    );
    this.socketServer.on('error', (err) =>
      this.logger.warn({ err: { message: err.message } }, 'websocket server error'),
    );
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
    this.heartbeat.unref();
  }

  private admit(req: HttpRequest, options: SocketOptions): boolean {
    if (!options.allowOrigin(req.headers.origin, req.headers.host)) return false;
    return (
      (this.perAddress.get(clientAddress(req, options.trustProxy)) ?? 0) <
      options.maxConnectionsPerAddress
    );
  }

  private onConnection(
    socket: WebSocket,
    req: HttpRequest,
    logic: Logic,
    options: SocketOptions,
  ): void {
    const client: Client = {
      socket,
      alive: true,
      address: clientAddress(req, options.trustProxy),
      window: { start: Date.now(), count: 0 },
      queue: Promise.resolve(),
    };
    this.connections.add(client);
    this.perAddress.set(client.address, (this.perAddress.get(client.address) ?? 0) + 1);
    socket.on('pong', () => (client.alive = true));
    socket.on('message', (data, isBinary) => this.onFrame(client, data, isBinary, logic, options));
    socket.on('error', (err) =>
      this.logger.warn({ err: { message: err.message } }, 'websocket client error'),
    );
    socket.on('close', () => {
      this.connections.delete(client);
      const left = (this.perAddress.get(client.address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(client.address, left);
      else this.perAddress.delete(client.address);
      if (client.user && this.clients.get(client.user) === client) this.clients.delete(client.user);
    });
  }

  private onFrame(
    client: Client,
    data: RawData,
    isBinary: boolean,
    logic: Logic,
    options: SocketOptions,
  ): void {
    const now = Date.now();
    if (now - client.window.start > options.windowMs) client.window = { start: now, count: 0 };
    if (++client.window.count > options.messagesPerWindow)
      return client.socket.close(POLICY, 'rate limit');
    if (isBinary) return client.socket.close(POLICY, 'text frames only');
    let parsed: ReturnType<typeof IncomingMessageSchema.safeParse>;
    try {
      parsed = IncomingMessageSchema.safeParse(JSON.parse(data.toString()));
    } catch {
      return client.socket.close(POLICY, 'invalid JSON');
    }
    if (!parsed.success) return client.socket.close(POLICY, 'invalid message');
    const message = { ...parsed.data, lang: parsed.data.lang ?? undefined };
    if (client.user && client.user !== message.user)
      return client.socket.close(POLICY, 'user changed');
    if (!client.user) {
      client.user = message.user;
      const previous = this.clients.get(message.user);
      if (previous && previous !== client)
        previous.socket.close(POLICY, 'replaced by a newer connection');
      this.clients.set(message.user, client);
    }
    const context = new TurnContext(this, this.activityFor(message, 'websocket'));
    client.queue = client.queue.then(() => this.runTurn(context, logic)).catch(() => undefined);
  }

  private beat(): void {
    for (const client of this.connections) {
      if (!client.alive) {
        client.socket.terminate();
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }

  async sendActivities(
    context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    for (const activity of activities) {
      const message = {
        type: activity.type,
        text: activity.text,
        ...(activity.channelData as object),
      };
      if (context.activity.channelId === 'websocket') {
        const client = this.clients.get(activity.recipient?.id ?? '');
        if (client && client.socket.readyState === client.socket.OPEN)
          client.socket.send(JSON.stringify(message));
      } else {
        const outbound = (context.turnState.get('httpBody') as unknown[] | undefined) ?? [];
        outbound.push(message);
        context.turnState.set('httpBody', outbound);
      }
    }
    return activities.map(() => ({ id: '' }));
  }

  /** Stops the heartbeat, closes every socket and the websocket server. */
  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    for (const socket of this.socketServer?.clients ?? []) socket.terminate();
    this.clients.clear();
    this.connections.clear();
    const wss = this.socketServer;
    this.socketServer = undefined;
    if (wss) await new Promise<void>((resolve) => wss.close(() => resolve()));
  }
}

/** The client's address: the TCP peer, or behind `trustProxy` proxies the address they forwarded. */
export function clientAddress(req: HttpRequest, trustProxy = 0): string {
  const peer = req.socket.remoteAddress ?? '';
  if (trustProxy <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - trustProxy] ?? forwarded[0] ?? peer;
}
