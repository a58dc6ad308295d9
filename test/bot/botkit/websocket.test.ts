import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import request from 'supertest';
import WebSocket from 'ws';
import { HardenedWebAdapter } from '../../../src/bot/botkit/hardened-web-adapter';
import type { OutgoingMessage } from '../../../src/bot/botkit/turn';
import { createLogger } from '../../../src/logger';
import type { Runtime } from '../../../src/runtime/build';
import { buildTestRuntime, close, listen, type Listening } from '../../web/helpers';

const CITY = 'https://www.city.isesaki.lg.jp';
const WAIT_MS = 5_000;

interface Closed {
  code: number;
  reason: string;
}

/** Rejects after `ms` unless `promise` settles first; the timer never outlives the wait. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A websocket client that keeps every reply and lets a test wait for one, or for the close. */
class ChatClient {
  readonly user = randomUUID();
  readonly closed: Promise<Closed>;
  private readonly inbox: OutgoingMessage[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    socket.on('message', (data) => {
      this.inbox.push(JSON.parse(data.toString()) as OutgoingMessage);
      for (const wake of this.waiters) wake();
    });
    // A refused or dropped connection is reported through `opened` / `closed`.
    socket.on('error', () => undefined);
  }

  static all: ChatClient[] = [];

  /** Connects and resolves once open; rejects with ws's error if the upgrade is refused. */
  static async connect(url: string, options: WebSocket.ClientOptions = {}): Promise<ChatClient> {
    const client = new ChatClient(new WebSocket(url, options));
    ChatClient.all.push(client);
    await within(
      new Promise<void>((resolve, reject) => {
        client.socket.once('open', () => resolve());
        client.socket.once('error', reject);
      }),
      WAIT_MS,
      'the socket to open',
    );
    return client;
  }

  send(message: object | string): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Sends several frames in one TCP write, so the server reads them in one go. */
  sendTogether(messages: object[]): void {
    const tcp = (this.socket as unknown as { _socket: Socket })._socket;
    tcp.cork();
    for (const m of messages) this.send(m);
    process.nextTick(() => tcp.uncork());
  }

  hello(lang?: string): void {
    this.send({ type: 'hello', user: this.user, ...(lang ? { lang } : {}) });
  }

  ask(text: string, lang?: string): void {
    this.send({ type: 'message', user: this.user, text, ...(lang ? { lang } : {}) });
  }

  /** The first reply not yet taken that matches, waiting for it if need be. */
  next(match: (m: OutgoingMessage) => boolean = () => true): Promise<OutgoingMessage> {
    return within(
      new Promise<OutgoingMessage>((resolve) => {
        const check = () => {
          const i = this.inbox.findIndex(match);
          if (i < 0) return;
          this.waiters.delete(check);
          resolve(this.inbox.splice(i, 1)[0]!);
        };
        this.waiters.add(check);
        check();
      }),
      WAIT_MS,
      'a reply',
    );
  }

  /** Every reply received so far. */
  get received(): readonly OutgoingMessage[] {
    return this.inbox;
  }

  closedWithin(ms = WAIT_MS): Promise<Closed> {
    return within(this.closed, ms, 'the socket to close');
  }

  async end(): Promise<void> {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close(1000);
    else if (this.socket.readyState === WebSocket.CONNECTING) this.socket.terminate();
    await this.closedWithin();
  }
}

let rt: Runtime;
let at: Listening;

beforeAll(async () => {
  rt = buildTestRuntime({ ALLOWED_ORIGINS: CITY });
  at = await listen(rt);
});

afterEach(async () => {
  // Each test leaves no socket behind, so the per-address limit never comes into play.
  await Promise.all(ChatClient.all.map((c) => c.end().catch(() => undefined)));
  ChatClient.all = [];
});

afterAll(async () => {
  await close(rt);
});

/** A well-behaved client that has been welcomed, to check that others' abuse does not reach it. */
async function welcomed(lang = 'en'): Promise<ChatClient> {
  const client = await ChatClient.connect(at.wsUrl);
  client.hello(lang);
  await client.next((m) => m.kind === 'menu');
  return client;
}

async function expectAnswered(client: ChatClient): Promise<void> {
  client.ask('What time does the signing ceremony start?');
  const reply = await client.next((m) => m.answerId !== null);
  expect(reply).toMatchObject({ type: 'message', kind: 'answer', answerId: 'ceremony.time' });
}

describe('the websocket on /ws', () => {
  it('welcomes a hello with the topic menu in the asked language', async () => {
    const client = await ChatClient.connect(at.wsUrl);
    client.hello('vi');
    const welcome = await client.next();
    expect(welcome).toMatchObject({ type: 'message', kind: 'menu', lang: 'vi', answerId: null });
    expect(welcome.text).toBe(rt.t('vi', 'bot.welcome'));
    expect(welcome.quickReplies.length).toBeGreaterThan(0);
    for (const q of welcome.quickReplies)
      expect(q).toEqual({ label: expect.any(String), payload: expect.stringMatching(/^\S+$/) });
  });

  it('answers a question with an answerId, in the language of the question', async () => {
    const client = await welcomed('vi');
    client.ask('Lễ ký kết bắt đầu lúc mấy giờ?');
    const reply = await client.next();
    expect(reply).toMatchObject({
      type: 'message',
      kind: 'answer',
      lang: 'vi',
      answerId: 'ceremony.time',
      source: expect.any(String),
    });
  });

  it('keeps the conversation of the socket: a follow-up continues the topic', async () => {
    const client = await welcomed();
    client.ask('What is Hello Work?');
    expect((await client.next()).answerId).toBe('help.hellowork');
    client.ask('what time?');
    expect((await client.next()).answerId).toBe('help.hellowork-hours');
  });

  it('says nothing to welcome_back and goes on answering', async () => {
    const client = await ChatClient.connect(at.wsUrl);
    client.send({ type: 'welcome_back', user: client.user });
    client.ask('What is Hello Work?');
    const first = await client.next();
    expect(first.answerId).toBe('help.hellowork');
  });

  it('closes a socket that sends malformed JSON (1008); another socket still gets answers', async () => {
    const good = await welcomed();
    const bad = await ChatClient.connect(at.wsUrl);
    bad.send('{"type":"message", "user": oops');
    expect(await bad.closedWithin()).toEqual({ code: 1008, reason: 'invalid JSON' });
    await expectAnswered(good);
  });

  it.each([
    ['an unknown type', { type: 'admin', user: 'abcdefgh-1234' }],
    ['an extra field', { type: 'message', user: 'abcdefgh-1234', text: 'hi', role: 'admin' }],
    ['a bad user id', { type: 'message', user: '../../x', text: 'hi' }],
    [
      'text over 1000 characters',
      { type: 'message', user: 'abcdefgh-1234', text: 'a'.repeat(1001) },
    ],
    ['an array', [{ type: 'hello', user: 'abcdefgh-1234' }]],
  ])('closes a socket that sends %s (1008)', async (_name, message) => {
    const bad = await ChatClient.connect(at.wsUrl);
    bad.send(message);
    expect(await bad.closedWithin()).toEqual({ code: 1008, reason: 'invalid message' });
  });

  it('closes a socket that sends a binary frame (1008)', async () => {
    const bad = await ChatClient.connect(at.wsUrl);
    bad.socket.send(Buffer.from(JSON.stringify({ type: 'hello', user: bad.user })), {
      binary: true,
    });
    expect((await bad.closedWithin()).code).toBe(1008);
  });

  it('closes a socket that sends a frame over 4096 bytes (1009); others keep working', async () => {
    const good = await welcomed();
    const big = await ChatClient.connect(at.wsUrl);
    big.send({ type: 'message', user: big.user, text: 'x'.repeat(5000) });
    expect((await big.closedWithin()).code).toBe(1009);
    await expectAnswered(good);
  });

  it('closes a flooding socket (1008) after its quota; others keep working', async () => {
    const good = await welcomed();
    const flood = await ChatClient.connect(at.wsUrl);
    for (let i = 0; i < 100; i++) flood.ask(`hello ${i}`);
    expect(await flood.closedWithin()).toEqual({ code: 1008, reason: 'rate limit' });
    // The 30 frames within the quota may have been answered; the other 70 never are.
    expect(flood.received.length).toBeLessThanOrEqual(30);
    await expectAnswered(good);
  });

  it('closes a socket that switches user mid-way (1008)', async () => {
    const client = await welcomed();
    client.send({ type: 'message', user: randomUUID(), text: 'What is Hello Work?' });
    expect(await client.closedWithin()).toEqual({ code: 1008, reason: 'user changed' });
    expect(client.received.filter((m) => m.answerId === 'help.hellowork')).toEqual([]);
  });

  it('hands a user over to a newer socket and closes the older one (1008)', async () => {
    const older = await welcomed();
    const newer = await ChatClient.connect(at.wsUrl);
    newer.send({ type: 'message', user: older.user, text: 'What is Hello Work?' });
    expect((await older.closedWithin()).code).toBe(1008);
    expect((await newer.next()).answerId).toBe('help.hellowork');
  });

  it('refuses the upgrade from an Origin that is not allowed', async () => {
    await expect(
      ChatClient.connect(at.wsUrl, { origin: 'https://evil.example.com' }),
    ).rejects.toThrow(/Unexpected server response: 401/);
  });

  it('accepts the allowed Origin and the page’s own origin', async () => {
    for (const origin of [CITY, at.httpUrl]) {
      const client = await ChatClient.connect(at.wsUrl, { origin });
      client.hello('ja');
      expect(await client.next()).toMatchObject({ kind: 'menu', lang: 'ja' });
      await client.end();
    }
  });

  it('refuses an upgrade on another path', async () => {
    await expect(ChatClient.connect(`ws://127.0.0.1:${at.port}/other`)).rejects.toThrow();
  });

  // Regression (was a bug): frames of one socket are not processed in order. Each frame starts its own
  // turn at once, so a turn reads the session before the previous turn of the same socket has
  // written it: a hello's language, or the topic a follow-up refers to, is lost.
  it('answers frames of one socket in order, each turn seeing the one before', async () => {
    const client = await ChatClient.connect(at.wsUrl);
    client.sendTogether([
      { type: 'message', user: client.user, text: 'What is Hello Work?' },
      { type: 'message', user: client.user, text: 'what time?' },
    ]);
    expect((await client.next()).answerId).toBe('help.hellowork');
    expect((await client.next()).answerId).toBe('help.hellowork-hours');
  });

  it('keeps the language a hello chose for a message sent right after it', async () => {
    const client = await ChatClient.connect(at.wsUrl);
    client.sendTogether([
      { type: 'hello', user: client.user, lang: 'vi' },
      { type: 'message', user: client.user, text: 'ok' },
    ]);
    expect((await client.next()).kind).toBe('menu');
    expect((await client.next()).lang).toBe('vi');
  });

  it('after all that, still answers /healthz and welcomes a new socket', async () => {
    const health = await request(at.httpUrl).get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    const client = await ChatClient.connect(at.wsUrl);
    client.hello('pt');
    expect(await client.next()).toMatchObject({ kind: 'menu', lang: 'pt' });
    await expectAnswered(client);
  });
});

describe('connections per address', () => {
  /** Tries to connect until it works: the server counts a close a moment after the client sees it. */
  async function connectSoon(url: string, options: WebSocket.ClientOptions = {}) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await ChatClient.connect(url, options);
      } catch (err) {
        if (attempt >= 50) throw err;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  it('refuses the 21st socket from one address and admits one again after a close', async () => {
    const own = buildTestRuntime();
    const here = await listen(own);
    try {
      const open = await Promise.all(
        Array.from({ length: 20 }, () => ChatClient.connect(here.wsUrl)),
      );
      await expect(ChatClient.connect(here.wsUrl)).rejects.toThrow(/401/);
      await open[0]!.end();
      const again = await connectSoon(here.wsUrl);
      again.hello('en');
      expect((await again.next()).kind).toBe('menu');
    } finally {
      await Promise.all(ChatClient.all.map((c) => c.end().catch(() => undefined)));
      ChatClient.all = [];
      await close(own);
    }
  });

  // Regression (was a bug): the per-address limit uses the TCP peer address and ignores TRUST_PROXY, so
  // behind a reverse proxy every resident shares the proxy's address: 20 chat sockets site-wide.
  it('counts sockets per client address behind a trusted proxy (TRUST_PROXY)', async () => {
    const own = buildTestRuntime({ TRUST_PROXY: '1' });
    const here = await listen(own);
    const from = (i: number) => ({ headers: { 'X-Forwarded-For': `203.0.113.${i}` } });
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => ChatClient.connect(here.wsUrl, from(i))),
      );
      const another = await ChatClient.connect(here.wsUrl, from(99));
      another.hello('en');
      expect((await another.next()).kind).toBe('menu');
    } finally {
      await Promise.all(ChatClient.all.map((c) => c.end().catch(() => undefined)));
      ChatClient.all = [];
      await close(own);
    }
  });
});

describe('the heartbeat', () => {
  let server: Server;
  let adapter: HardenedWebAdapter;
  let url: string;

  beforeAll(async () => {
    adapter = new HardenedWebAdapter(createLogger('silent'));
    server = createServer();
    adapter.attach(server, async () => undefined, {
      path: '/ws',
      maxPayload: 4096,
      messagesPerWindow: 30,
      windowMs: 10_000,
      maxConnectionsPerAddress: 20,
      heartbeatMs: 40,
      allowOrigin: () => true,
    });
    const { port } = await listen({ server });
    url = `ws://127.0.0.1:${port}/ws`;
  });

  afterAll(async () => {
    await adapter.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('keeps a socket that answers pings', async () => {
    const client = await ChatClient.connect(url);
    client.hello();
    let pings = 0;
    await within(
      new Promise<void>((resolve) =>
        client.socket.on('ping', () => {
          if (++pings === 4) resolve();
        }),
      ),
      WAIT_MS,
      'four pings',
    );
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('terminates a socket that has said hello and stops answering pings', async () => {
    const client = await ChatClient.connect(url, { autoPong: false });
    client.hello();
    expect((await client.closedWithin()).code).toBe(1006);
  });

  // Regression (was a bug): beat() only looks at sockets that have named a user, so a socket that
  // connects and never sends a frame is pinged forever and never terminated, dead or not.
  it('terminates a silent socket that never answers pings', async () => {
    const client = await ChatClient.connect(url, { autoPong: false });
    expect((await client.closedWithin(1_000)).code).toBe(1006);
  });
});
