import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AxeResults, RunOptions } from 'axe-core';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Frame,
  type Locator,
  type Page,
} from 'playwright-core';
import { PUBLIC_DIR } from '../../src/channels/web/app';
import { closeGracefully } from '../../src/channels/web/server';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { buildRuntime, type Runtime } from '../../src/runtime/build';
import { ROOT } from '../../src/runtime/paths';

/** Debian's chromium (scripts/ensure-chromium.sh installs it); playwright never downloads one. */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = join(ROOT, 'test-artifacts', 'screenshots');
/** The longest any single wait in the browser tests may take. */
export const WAIT_MS = 10_000;
/** A desktop window and a small phone. */
export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 360, height: 740 } as const;

/* ---------------------------------------------------------------------------------------------
 * Servers: the bot, a host page of an allowed origin, a host page of a not-allowed origin.
 * ------------------------------------------------------------------------------------------- */

export interface Servers {
  runtime: Runtime;
  /** http://127.0.0.1:<port> of the bot: chat page, embed.js, API, websocket. */
  botOrigin: string;
  /** A city page that is in ALLOWED_ORIGINS and pastes the widget. */
  hostOrigin: string;
  /** The same page served from an origin that is not in ALLOWED_ORIGINS. */
  blockedOrigin: string;
  close(): Promise<void>;
}

function listenOn(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

function closeHttp(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * The host page: public/host-example.html (what a city web editor pastes), with the loader's
 * src pointing at the bot's origin instead of a path on the same site.
 */
export function hostPage(botOrigin: string): string {
  const example = readFileSync(join(PUBLIC_DIR, 'host-example.html'), 'utf8');
  const page = example.replace('src="/embed.js"', `src="${botOrigin}/embed.js"`);
  if (page === example) throw new Error('host-example.html no longer has <script src="/embed.js">');
  return page;
}

function hostServer(page: () => string): Server {
  return createServer((req, res) => {
    if (req.method === 'GET' && (req.url === '/' || req.url?.startsWith('/?'))) {
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      res.end(page());
    } else if (req.url === '/favicon.ico') {
      res.writeHead(204).end();
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
}

/**
 * Starts the two host-page servers, then the real bot (buildRuntime, as main.ts does) with the
 * first host's origin allowed, all on 127.0.0.1 and free ports. close() stops all three.
 */
export async function startServers(): Promise<Servers> {
  let botOrigin = '';
  const allowed = hostServer(() => hostPage(botOrigin));
  const blocked = hostServer(() => hostPage(botOrigin));
  const dataDir = mkdtempSync(join(tmpdir(), 'koyo-browser-'));
  let runtime: Runtime | undefined;
  const close = async () => {
    await Promise.all([
      closeHttp(allowed),
      closeHttp(blocked),
      runtime && closeGracefully(runtime.server, runtime.bot, 2_000),
    ]);
    await runtime?.unanswered.flush();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const hostOrigin = await listenOn(allowed);
    const blockedOrigin = await listenOn(blocked);
    // The server is started with listen(0) below, so PORT and HOST are not used.
    const config = loadConfig({
      RATE_LIMIT_PER_MINUTE: '0',
      ALLOWED_ORIGINS: hostOrigin,
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
    });
    runtime = buildRuntime(config, createLogger('silent'));
    botOrigin = await listenOn(runtime.server);
    return { runtime, botOrigin, hostOrigin, blockedOrigin, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/* ---------------------------------------------------------------------------------------------
 * Browser
 * ------------------------------------------------------------------------------------------- */

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    timeout: WAIT_MS,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh profile (own sessionStorage) with bounded waits. */
export async function newContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: DESKTOP,
    locale: 'en-US',
    reducedMotion: 'reduce',
    ...options,
  });
  context.setDefaultTimeout(5_000);
  context.setDefaultNavigationTimeout(WAIT_MS);
  return context;
}

export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return newContext(browser, {
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
}

/**
 * The servers and the browser of one test file, started before its tests and closed after,
 * with a fresh context (own sessionStorage) for every page, closed after each test.
 */
export function browserSuite(): {
  servers: () => Servers;
  desktopPage: () => Promise<Page>;
  phonePage: () => Promise<Page>;
} {
  let servers: Servers | undefined;
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  beforeAll(async () => {
    [servers, browser] = await Promise.all([startServers(), launchBrowser()]);
  });
  afterEach(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    contexts = [];
  });
  afterAll(async () => {
    await browser?.close();
    await servers?.close();
  });
  const open = async (make: (b: Browser) => Promise<BrowserContext>): Promise<Page> => {
    const context = await make(browser!);
    contexts.push(context);
    return context.newPage();
  };
  return {
    servers: () => servers!,
    desktopPage: () => open((b) => newContext(b)),
    phonePage: () => open(phoneContext),
  };
}

/* ---------------------------------------------------------------------------------------------
 * What a page did: console errors, uncaught errors, CSP violations, dialogs, requests.
 * ------------------------------------------------------------------------------------------- */

export interface PageWatch {
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
  /** Every HTTP(S) request the page and its frames made. */
  requests: string[];
  websockets: string[];
  /** securitypolicyviolation events seen in the page (directive and blocked URI). */
  cspViolations(): Promise<string[]>;
}

/** Starts recording; call it before the page navigates. Dialogs are recorded and dismissed. */
export async function watch(page: Page): Promise<PageWatch> {
  const w: Omit<PageWatch, 'cspViolations'> = {
    consoleErrors: [],
    pageErrors: [],
    dialogs: [],
    requests: [],
    websockets: [],
  };
  page.on('console', (m) => {
    if (m.type() === 'error') w.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => w.pageErrors.push(String(e)));
  page.on('dialog', (d) => {
    w.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  page.on('request', (r) => w.requests.push(r.url()));
  page.on('websocket', (s) => w.websockets.push(s.url()));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} ${e.blockedURI}`),
    );
  });
  return {
    ...w,
    cspViolations: () =>
      page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []),
  };
}

/* ---------------------------------------------------------------------------------------------
 * The chat page (a Page, or the widget's Frame)
 * ------------------------------------------------------------------------------------------- */

type Target = Page | Frame;

export const botMessages = (t: Target): Locator => t.locator('#log .msg.bot');
export const userMessages = (t: Target): Locator => t.locator('#log .msg.user');

/**
 * Waits until the transcript holds more than `count` bot messages and the bot stopped typing,
 * and returns the newest one (pinned by position: it stays that message when more arrive).
 */
export async function waitForBotMessages(t: Target, count: number): Promise<Locator> {
  await t.waitForFunction(
    (n) =>
      document.querySelectorAll('#log .msg.bot').length > n &&
      (document.getElementById('typing') as HTMLElement).hidden,
    count,
    { timeout: WAIT_MS },
  );
  return botMessages(t).nth((await botMessages(t).count()) - 1);
}

/** Opens the chat page and waits for its first bot message (the welcome, or a restored log). */
export async function openChat(page: Page, url: string): Promise<Locator> {
  await page.goto(url);
  return waitForBotMessages(page, 0);
}

/** Types a question into the composer, presses Enter and returns the bot's reply. */
export async function ask(t: Target, text: string): Promise<Locator> {
  const before = await botMessages(t).count();
  const input = t.locator('#input');
  await input.fill(text);
  await input.press('Enter');
  return waitForBotMessages(t, before);
}

/** The answer id a bot message links to ("Link to this answer"), or null for none. */
export async function answerIdOf(message: Locator): Promise<string | null> {
  const links = message.locator('a.share');
  if ((await links.count()) === 0) return null;
  const href = await links.first().getAttribute('href');
  return href ? (new URL(href).searchParams.get('q')?.replace(/^answer:/, '') ?? null) : null;
}

/* ---------------------------------------------------------------------------------------------
 * Accessibility and screenshots
 * ------------------------------------------------------------------------------------------- */

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * Runs axe (WCAG 2 A and AA) in the page. axe is injected with evaluate, which the page's CSP
 * does not govern; `frames` get their own copy so axe also checks inside them.
 */
export async function axeViolations(page: Page, frames: Frame[] = []): Promise<Violation[]> {
  for (const t of [page, ...frames]) await t.evaluate(AXE_SOURCE);
  const options: RunOptions = {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
    iframes: frames.length > 0,
    frameWaitTime: 5_000,
    resultTypes: ['violations'],
  };
  const results = await page.evaluate(
    (opts) =>
      (window as unknown as { axe: { run(o: unknown): Promise<AxeResults> } }).axe.run(opts),
    options as unknown as Record<string, unknown>,
  );
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

/** Saves a PNG of the viewport to test-artifacts/screenshots/<name>.png (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled', timeout: WAIT_MS });
  return path;
}
