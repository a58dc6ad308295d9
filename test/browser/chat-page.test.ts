import type { Locator, Page } from 'playwright-core';
import {
  browserSuite,
  answerIdOf,
  ask,
  axeViolations,
  botMessages,
  openChat,
  screenshot,
  userMessages,
  waitForBotMessages,
  watch,
  type Servers,
} from './helpers';

/**
 * The chat page in a real browser (Debian's chromium): the real server, its CSP, its websocket
 * and the page's own script, driven the way a resident would.
 */

jest.setTimeout(20_000);

type Lang = 'ja' | 'en' | 'pt' | 'vi';

/** One clear question per language, the answer it must get and a phrase of that answer. */
const QUESTIONS: Array<{
  lang: Lang;
  name: string;
  text: string;
  answerId: string;
  shows: string;
}> = [
  {
    lang: 'ja',
    name: 'Japanese',
    text: '締結式の場所はどこですか',
    answerId: 'ceremony.place',
    shows: '災害対策室',
  },
  {
    lang: 'en',
    name: 'English',
    text: 'Where is the signing ceremony held?',
    answerId: 'ceremony.place',
    shows: 'Disaster Response Room',
  },
  {
    lang: 'pt',
    name: 'Portuguese',
    text: 'Onde fica o local da cerimônia de assinatura?',
    answerId: 'ceremony.place',
    shows: 'Sala de Resposta a Desastres',
  },
  {
    lang: 'vi',
    name: 'Vietnamese',
    text: 'Lễ ký kết tổ chức ở đâu?',
    answerId: 'ceremony.place',
    shows: 'Phòng Ứng phó Thảm họa',
  },
];
const question = (lang: Lang) => QUESTIONS.find((q) => q.lang === lang)!;

const suite = browserSuite();
const { desktopPage } = suite;
let servers: Servers;
/** The UI strings of each language, as the page gets them. */
let strings: Record<string, Record<string, string>>;

beforeAll(async () => {
  servers = suite.servers();
  const res = await fetch(`${servers.botOrigin}/api/locales`);
  strings = (await res.json()) as typeof strings;
});

const { phonePage } = suite;

const home = (query = '') => `${servers.botOrigin}/${query}`;

/** The page's language as the resident sees it: <html lang>, the picker and the UI strings. */
async function pageLanguage(
  page: Page,
): Promise<{ html: string; picker: string; placeholder: string }> {
  return {
    html: await page.locator('html').getAttribute('lang').then(String),
    picker: await page.locator('#lang').inputValue(),
    placeholder: await page.locator('#input').getAttribute('placeholder').then(String),
  };
}

function inLanguage(lang: Lang) {
  return { html: lang, picker: lang, placeholder: strings[lang]?.inputPlaceholder };
}

async function transcript(page: Page): Promise<string[]> {
  return page
    .locator('#log .msg')
    .evaluateAll((nodes) =>
      nodes.map(
        (n) =>
          `${n.classList.contains('user') ? 'user' : 'bot'}: ${n.querySelector('.text')?.textContent}`,
      ),
    );
}

describe('the chat page', () => {
  it.each(QUESTIONS)(
    'answers "$text" in $name with the right answer',
    async ({ lang, text, answerId, shows }) => {
      const page = await desktopPage();
      await openChat(page, home());
      const reply = await ask(page, text);
      expect(await reply.locator('.text').innerText()).toContain(shows);
      expect(await answerIdOf(reply)).toBe(answerId);
      expect(await reply.getAttribute('lang')).toBe(lang);
      expect(await userMessages(page).last().innerText()).toContain(text);
      await screenshot(page, `chat-desktop-${lang}`);
    },
  );

  it('follows the language of each message: html lang, picker, UI strings and the reply', async () => {
    const page = await desktopPage();
    const welcome = await openChat(page, home());
    expect(await welcome.getAttribute('lang')).toBe('en');
    expect(await pageLanguage(page)).toEqual(inLanguage('en'));
    for (const lang of ['ja', 'vi', 'pt', 'en'] as const) {
      const reply = await ask(page, question(lang).text);
      expect(await reply.getAttribute('lang')).toBe(lang);
      expect(await pageLanguage(page)).toEqual(inLanguage(lang));
      expect(await page.title()).toBe(strings[lang]?.title);
    }
  });

  it('switches language with the picker, and the bot answers in the language picked', async () => {
    const page = await desktopPage();
    await openChat(page, home());
    const before = await botMessages(page).count();
    await page.locator('#lang').selectOption('ja');
    // The page itself switches at once; the bot is told once the picker settles.
    expect(await pageLanguage(page)).toEqual(inLanguage('ja'));
    const confirmation = await waitForBotMessages(page, before);
    expect(await confirmation.getAttribute('lang')).toBe('ja');
    expect(await userMessages(page).count()).toBe(0);

    await page.locator('#lang').selectOption('pt');
    const next = await waitForBotMessages(page, before + 1);
    expect(await next.getAttribute('lang')).toBe('pt');
    expect(await pageLanguage(page)).toEqual(inLanguage('pt'));
    const reply = await ask(page, question('pt').text);
    expect(await reply.getAttribute('lang')).toBe('pt');
    expect(await answerIdOf(reply)).toBe('ceremony.place');
  });

  it('opens in Vietnamese with /?lang=vi and drops the parameter from the address', async () => {
    const page = await desktopPage();
    const welcome = await openChat(page, home('?lang=vi'));
    expect(await welcome.getAttribute('lang')).toBe('vi');
    expect(await pageLanguage(page)).toEqual(inLanguage('vi'));
    expect(await page.locator('h1').innerText()).toBe(strings.vi?.title);
    expect(new URL(page.url()).search).toBe('');
  });

  it('shows the topic menu over HTTP when the websocket cannot connect, and still answers', async () => {
    const page = await desktopPage();
    await page.routeWebSocket(/\/ws$/, (ws) =>
      ws.close({ code: 1011, reason: 'blocked by the test' }),
    );
    await page.goto(home('?lang=ja'));
    const menu = await waitForBotMessages(page, 0);
    expect(await menu.last().getAttribute('lang')).toBe('ja');
    expect(await menu.last().locator('button').count()).toBeGreaterThan(3);
    const reply = await ask(page, '締結式の会場はどこですか');
    expect(await answerIdOf(reply)).toBe('ceremony.place');
  });

  it('opens a share link on its answer, once: /?lang=pt&q=answer:ceremony.date', async () => {
    const page = await desktopPage();
    await page.goto(home('?lang=pt&q=answer:ceremony.date'));
    const answer = await waitForBotMessages(page, 1); // the welcome, then the answer
    expect(await answerIdOf(answer)).toBe('ceremony.date');
    expect(await answer.getAttribute('lang')).toBe('pt');
    expect(await answer.locator('.text').innerText()).toContain('8 de outubro de 2025');
    expect(await pageLanguage(page)).toEqual(inLanguage('pt'));
    expect(new URL(page.url()).search).toBe('');

    // A reload restores the conversation and does not ask the shared question again.
    await page.reload();
    await waitForBotMessages(page, 1);
    const reply = await ask(page, question('pt').text);
    expect(await answerIdOf(reply)).toBe('ceremony.place');
    const ids = await Promise.all((await botMessages(page).all()).map(answerIdOf));
    expect(ids).toEqual([null, 'ceremony.date', 'ceremony.place']);
  });

  it('sends a quick reply when it is clicked, and disables the older buttons', async () => {
    const page = await desktopPage();
    await openChat(page, home());
    const reply = await ask(page, question('en').text);
    const button = reply.getByRole('button', { name: 'Ceremony date' });
    await button.click();
    const answer = await waitForBotMessages(page, 2);
    expect(await userMessages(page).last().innerText()).toContain('Ceremony date');
    expect(await answerIdOf(answer)).toBe('ceremony.date');
    expect(await answer.locator('.text').innerText()).toContain('8 October 2025');
    expect(await button.isDisabled()).toBe(true);
    expect(await answer.locator('.qr').first().isEnabled()).toBe(true);
  });

  it('keeps the conversation across a reload and goes on with it', async () => {
    const page = await desktopPage();
    await openChat(page, home());
    await ask(page, question('vi').text);
    const before = await transcript(page);
    expect(before).toHaveLength(3);

    await page.reload();
    await waitForBotMessages(page, 1);
    expect(await transcript(page)).toEqual(before);
    expect(await pageLanguage(page)).toEqual(inLanguage('vi'));
    expect(await botMessages(page).last().locator('.qr').first().isEnabled()).toBe(true);

    // No second welcome: the next question adds exactly its own two messages.
    await ask(page, 'Lễ ký kết diễn ra vào ngày nào?');
    expect(await transcript(page)).toHaveLength(5);
  });

  it('can be used with the keyboard alone', async () => {
    const page = await desktopPage();
    await openChat(page, home());
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '');

    let tabs = 0;
    while ((await focused()) !== 'input' && tabs < 20) {
      await page.keyboard.press('Tab');
      tabs++;
    }
    expect(await focused()).toBe('input');
    expect(await hasFocusRing(page.locator('#input'))).toBe(true);
    await page.keyboard.type('Where is the signing ceremony held?');
    const before = await botMessages(page).count();
    await page.keyboard.press('Enter');
    const reply = await waitForBotMessages(page, before);
    expect(await answerIdOf(reply)).toBe('ceremony.place');
    expect(await focused()).toBe('input');

    // The newest buttons are just before the composer in the tab order: back to "Ceremony date".
    const focusedButton = () =>
      page.evaluate(() => {
        const a = document.activeElement;
        const last = Array.from(document.querySelectorAll('#log .msg.bot')).pop();
        const usable = a instanceof HTMLButtonElement && !a.disabled && !!last?.contains(a);
        return usable && a.matches('.qr') ? a.textContent : null;
      });
    let steps = 0;
    while ((await focusedButton()) !== 'Ceremony date' && steps < 10) {
      await page.keyboard.press('Shift+Tab');
      steps++;
    }
    expect(await focusedButton()).toBe('Ceremony date');
    expect(await hasFocusRing(page.locator('.qr:focus'))).toBe(true);
    await page.keyboard.press('Enter');
    const answer = await waitForBotMessages(page, before + 1);
    expect(await userMessages(page).last().innerText()).toContain('Ceremony date');
    expect(await answerIdOf(answer)).toBe('ceremony.date');
    // Pressing a quick reply with the keyboard puts the focus back in the composer.
    expect(await focused()).toBe('input');
  });

  it('shows typed HTML and script as text and runs none of it', async () => {
    const page = await desktopPage();
    const seen = await watch(page);
    await openChat(page, home());
    const payloads = [
      '<img src=x onerror=alert(1)>',
      '<script>window.__pwned=1</script>',
      '"><svg onload=alert(2)><a href="javascript:alert(3)">x</a>',
    ];
    for (const payload of payloads) {
      await ask(page, payload);
      expect(await userMessages(page).last().locator('.text').textContent()).toBe(payload);
    }
    expect(
      await page.locator('#log img, #log script, #log svg, #log a[href^="javascript:"]').count(),
    ).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
    ).toBeUndefined();
    expect(seen.dialogs).toEqual([]);
    expect(seen.pageErrors).toEqual([]);
  });

  it('turns phone numbers in answers into tel: links', async () => {
    const page = await desktopPage();
    await openChat(page, home());
    const reply = await ask(page, 'What is the phone number of Isesaki City Hall?');
    expect(await answerIdOf(reply)).toBe('help.cityhall');
    const link = reply.locator('a.tel');
    expect(await link.count()).toBe(1);
    expect(await link.innerText()).toBe('0270-24-5111');
    expect(await link.getAttribute('href')).toBe('tel:0270245111');

    // Postcodes and street numbers are not phone numbers.
    const ja = await ask(page, '伊勢崎市役所の電話番号は？');
    const hrefs = await ja.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.filter((h) => h?.startsWith('tel:'))).toEqual(['tel:0270245111']);
  });

  it('fits a 360×740 phone in every language: no horizontal scroll, 16px input text', async () => {
    for (const { lang, text } of QUESTIONS) {
      const page = await phonePage();
      await openChat(page, home(`?lang=${lang}`));
      await ask(page, text);
      const fit = await page.evaluate(() => {
        const log = document.getElementById('log')!;
        const input = document.getElementById('input')!;
        return {
          page: document.documentElement.scrollWidth <= window.innerWidth,
          body: document.body.scrollWidth <= window.innerWidth,
          transcript: log.scrollWidth <= log.clientWidth,
          inputFontPx: parseFloat(getComputedStyle(input).fontSize),
          composerVisible: input.getBoundingClientRect().bottom <= window.innerHeight,
        };
      });
      expect({ lang, ...fit }).toEqual({
        lang,
        page: true,
        body: true,
        transcript: true,
        inputFontPx: expect.any(Number),
        composerVisible: true,
      });
      expect(fit.inputFontPx).toBeGreaterThanOrEqual(16);
      await screenshot(page, `chat-phone-${lang}`);
    }
  });

  it('has no axe violations (WCAG 2 A and AA), on a desktop and on a phone', async () => {
    for (const open of [desktopPage, phonePage]) {
      const page = await open();
      await openChat(page, home());
      expect(await axeViolations(page)).toEqual([]);
      await ask(page, question('ja').text);
      await ask(page, 'What is the phone number of Isesaki City Hall?');
      expect(await axeViolations(page)).toEqual([]);
    }
  });

  it('logs no console errors, breaks no CSP rule and makes no request outside its origin', async () => {
    const page = await desktopPage();
    const seen = await watch(page);
    await openChat(page, home());
    const reply = await ask(page, question('ja').text);
    await reply.locator('.qr').first().click();
    await waitForBotMessages(page, 2);
    await page.locator('#lang').selectOption('vi');
    await waitForBotMessages(page, 3);
    await page.reload();
    await waitForBotMessages(page, 3);
    await ask(page, question('pt').text);

    expect(seen.consoleErrors).toEqual([]);
    expect(seen.pageErrors).toEqual([]);
    expect(await seen.cspViolations()).toEqual([]);
    expect(seen.requests.length).toBeGreaterThan(0);
    expect(seen.requests.filter((u) => !u.startsWith(`${servers.botOrigin}/`))).toEqual([]);
    const wsOrigin = servers.botOrigin.replace(/^http/, 'ws');
    expect(seen.websockets.filter((u) => u !== `${wsOrigin}/ws`)).toEqual([]);
  });
});

async function hasFocusRing(element: Locator): Promise<boolean> {
  return element.evaluate((e) => {
    const s = getComputedStyle(e);
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  });
}
