import type { ConsoleMessage, Frame, Page } from 'playwright-core';
import {
  browserSuite,
  answerIdOf,
  ask,
  axeViolations,
  botMessages,
  screenshot,
  waitForBotMessages,
  watch,
  WAIT_MS,
  type Servers,
} from './helpers';

/**
 * The website widget: a city page of another origin pastes <script src=".../embed.js">, which
 * adds a launcher button and, once opened, an iframe of the chat page. The host page here is
 * public/host-example.html (widget in Portuguese) served from its own 127.0.0.1 port.
 */

jest.setTimeout(20_000);

const suite = browserSuite();
const newPage = suite.desktopPage;
let servers: Servers;

beforeAll(() => {
  servers = suite.servers();
});

/** Opens a host page and waits for the widget's launcher. */
async function openHost(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/`);
  await page.locator('#koyo-launcher').waitFor();
}

const launcher = (page: Page) => page.locator('#koyo-launcher');
const panel = (page: Page) => page.locator('#koyo-panel');
const iframes = (page: Page) => page.locator('iframe');

/** The widget's chat frame, once its chat page has loaded. */
async function chatFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('#koyo-panel iframe').elementHandle({ timeout: WAIT_MS });
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('the widget has no frame');
  await frame.locator('#input').waitFor({ timeout: WAIT_MS });
  return frame;
}

/** Opens the widget with the launcher and waits for the chat's welcome and for focus in it. */
async function openWidget(page: Page): Promise<Frame> {
  await launcher(page).click();
  const frame = await chatFrame(page);
  await waitForBotMessages(frame, 0);
  await focusInChat(frame);
  return frame;
}

function focusInChat(frame: Frame): Promise<unknown> {
  return frame.waitForFunction(
    () => document.hasFocus() && document.activeElement?.id === 'input',
    undefined,
    { timeout: WAIT_MS },
  );
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe('the widget on a host page of an allowed origin', () => {
  it('serves /embed.js with Cross-Origin-Resource-Policy: cross-origin', async () => {
    const page = await newPage();
    const loaded = page.waitForResponse((r) => r.url() === `${servers.botOrigin}/embed.js`, {
      timeout: WAIT_MS,
    });
    await openHost(page, servers.hostOrigin);
    const response = await loaded;
    expect(response.status()).toBe(200);
    expect(response.headers()['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.headers()['content-type']).toMatch(/javascript/);
  });

  it('shows only the launcher until it is opened', async () => {
    const page = await newPage();
    await openHost(page, servers.hostOrigin);
    expect(await iframes(page).count()).toBe(0);
    expect(await panel(page).isVisible()).toBe(false);
    expect(await launcher(page).isVisible()).toBe(true);
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');
    // data-title of the pasted script names the button.
    expect(await page.getByRole('button', { name: 'Ajuda com emprego' }).count()).toBe(1);
    await screenshot(page, 'widget-closed');
  });

  it('opens the chat in an iframe when the launcher is clicked, and the chat answers', async () => {
    const page = await newPage();
    const seen = await watch(page);
    await openHost(page, servers.hostOrigin);
    const frame = await openWidget(page);

    expect(await panel(page).isVisible()).toBe(true);
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('true');
    expect(frame.url().startsWith(`${servers.botOrigin}/`)).toBe(true);
    expect(await frame.locator('html').getAttribute('class')).toContain('embed');
    expect(await frame.locator('html').getAttribute('lang')).toBe('pt'); // data-lang="pt"
    expect(await frame.locator('#close').isVisible()).toBe(true);

    const reply = await ask(frame, 'Onde fica o local da cerimônia de assinatura?');
    expect(await reply.locator('.text').innerText()).toContain('Sala de Resposta a Desastres');
    expect(await answerIdOf(reply)).toBe('ceremony.place');
    // A share link inside the widget opens the full page in a new tab.
    expect(await reply.locator('a.share').getAttribute('target')).toBe('_blank');
    await screenshot(page, 'widget-open');

    expect(seen.consoleErrors).toEqual([]);
    expect(seen.pageErrors).toEqual([]);
    expect(await seen.cspViolations()).toEqual([]);
  });

  it('closes on Escape and gives the focus back to the launcher', async () => {
    const page = await newPage();
    await openHost(page, servers.hostOrigin);
    await openWidget(page);

    await page.keyboard.press('Escape'); // pressed inside the chat frame, which has the focus
    await panel(page).waitFor({ state: 'hidden' });
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');
    expect(await activeId(page)).toBe('koyo-launcher');

    // And back with the keyboard: Enter on the launcher reopens it with the focus in the chat.
    await page.keyboard.press('Enter');
    await panel(page).waitFor({ state: 'visible' });
    await focusInChat(await chatFrame(page));

    // The chat's own close button does the same as Escape.
    await (await chatFrame(page)).locator('#close').click();
    await panel(page).waitFor({ state: 'hidden' });
    expect(await activeId(page)).toBe('koyo-launcher');
  });

  it('creates the iframe once: closing and opening again keeps the same conversation', async () => {
    const page = await newPage();
    await openHost(page, servers.hostOrigin);
    const frame = await openWidget(page);
    await ask(frame, 'Onde fica o local da cerimônia de assinatura?');
    const messages = await botMessages(frame).count();

    for (let i = 0; i < 2; i++) {
      await launcher(page).click();
      await panel(page).waitFor({ state: 'hidden' });
      await launcher(page).click();
      await panel(page).waitFor({ state: 'visible' });
    }
    expect(await iframes(page).count()).toBe(1);
    const again = await chatFrame(page);
    expect(again).toBe(frame);
    expect(await botMessages(again).count()).toBe(messages);
  });

  it('has no axe violations (WCAG 2 A and AA) with the widget open', async () => {
    const page = await newPage();
    await openHost(page, servers.hostOrigin);
    expect(await axeViolations(page)).toEqual([]);
    const frame = await openWidget(page);
    await ask(frame, 'Onde fica o local da cerimônia de assinatura?');
    expect(await axeViolations(page, [frame])).toEqual([]);
  });
});

describe('the widget on a host page of an origin that is not allowed', () => {
  it('cannot frame the chat: Chromium blocks it by frame-ancestors', async () => {
    const page = await newPage();
    await openHost(page, servers.blockedOrigin);
    const refused = page.waitForEvent('console', {
      predicate: (m: ConsoleMessage) => m.type() === 'error' && /frame-ancestors/.test(m.text()),
      timeout: WAIT_MS,
    });
    await launcher(page).click();
    const report = await refused;
    expect(report.text()).toContain(servers.botOrigin);

    expect(await iframes(page).count()).toBe(1);
    const handle = await page.locator('#koyo-panel iframe').elementHandle();
    const frame = await handle?.contentFrame();
    expect(frame).toBeTruthy();
    expect(frame!.url().startsWith(servers.botOrigin)).toBe(false);
    expect(await frame!.locator('#input, #log').count()).toBe(0);
    await screenshot(page, 'widget-blocked-origin');
  });

  it("cannot call the chat API from the page's own scripts", async () => {
    const page = await newPage();
    await openHost(page, servers.blockedOrigin);
    const outcome = await page.evaluate(async (api) => {
      try {
        const r = await fetch(api, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ text: 'Onde fica o local da cerimônia?' }),
        });
        return `status ${r.status}`;
      } catch (err) {
        return `refused: ${(err as Error).name}`;
      }
    }, `${servers.botOrigin}/api/chat`);
    expect(outcome).toBe('refused: TypeError');
  });
});
