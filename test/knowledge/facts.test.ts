import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadKnowledge } from '../../src/knowledge/load';
import { KNOWLEDGE_DIR, LOCALES_DIR } from '../../src/runtime/paths';

/** The only phone numbers the bot may give (verified: press release + facts sheet). */
const ALLOWED_PHONES = ['0270-27-2755', '0270-24-5111'];
/** Isesaki City Hall's postcode (〒372-8501, verified): looks like a number, is not a phone. */
const CITY_HALL_POSTCODE = '372-8501';

/** Every string value in a JSON value, with its dotted path. */
function strings(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}.${i}`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'source' ? [] : jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

/**
 * Phone-number-like strings: digit groups joined by hyphens, dots, dashes or spaces, with or
 * without an area code in brackets ("0270-27-2755", "(0270) 27-2755", "27-2755", "0270.27.2755"),
 * and runs of 10–11 digits starting with 0. Returned with their digit groups joined by "-".
 */
function phoneLike(text: string): string[] {
  const t = text.normalize('NFKC').replace(/\{\{date:[^}]*\}\}/g, ' ');
  const grouped =
    t.match(/(?:\(?\d{2,5}\)?[\s.\-‐–—−ー]{0,2})?\d{2,4}[.\-‐–—−ー]\d{3,4}(?!\d)/g) ?? [];
  const runs = t.match(/(?<!\d)0\d{9,10}(?!\d)/g) ?? [];
  return [...grouped, ...runs]
    .map((m) => (m.match(/\d+/g) ?? []).join('-'))
    .filter((m) => m !== CITY_HALL_POSTCODE);
}

const kb = loadKnowledge(KNOWLEDGE_DIR);

/** Every answer the bot can give from the knowledge base, in every language. */
const answers: Array<[string, string]> = [
  ...kb.entries.flatMap((e) =>
    Object.entries(e.text).map(([lang, t]): [string, string] => [`${e.id} (${lang})`, t.answer]),
  ),
  // Answers outside entries/ (e.g. a guided conversation's answers and prompt), found by key.
  ...jsonFiles(KNOWLEDGE_DIR)
    .filter((f) => !f.includes(join('knowledge', 'entries')))
    .flatMap((file) =>
      strings(JSON.parse(readFileSync(file, 'utf8')))
        .filter(([path]) => /(^|\.)(answer|prompt)(\.|$)/.test(path))
        .map(([path, text]): [string, string] => [
          `${relative(KNOWLEDGE_DIR, file)} ${path}`,
          text,
        ]),
    ),
];

const localeStrings: Array<[string, string]> = readdirSync(LOCALES_DIR)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) =>
    strings(JSON.parse(readFileSync(join(LOCALES_DIR, f), 'utf8'))).map(
      ([path, text]): [string, string] => [`locales/${f} ${path}`, text],
    ),
  );

/** What residents see besides answers: entry titles (buttons) and button labels outside entries/. */
const labels: Array<[string, string]> = [
  ...kb.entries.flatMap((e) =>
    Object.entries(e.text).map(([lang, t]): [string, string] => [
      `${e.id} title (${lang})`,
      t.title,
    ]),
  ),
  ...jsonFiles(KNOWLEDGE_DIR)
    .filter((f) => !f.includes(join('knowledge', 'entries')))
    .flatMap((file) =>
      strings(JSON.parse(readFileSync(file, 'utf8')))
        .filter(([path]) => /(^|\.)label(\.|$)/.test(path))
        .map(([path, text]): [string, string] => [
          `${relative(KNOWLEDGE_DIR, file)} ${path}`,
          text,
        ]),
    ),
];

describe('phoneLike (the guard itself)', () => {
  it.each([
    ['TEL 27-2755', ['27-2755']],
    ['call (0270) 27-2755', ['0270-27-2755']],
    ['０２７０－２７－２７５５', ['0270-27-2755']],
    ['0270.24.5111 or 0270245111', ['0270-24-5111', '0270245111']],
    ['〒372-8501 群馬県伊勢崎市今泉町二丁目410', []],
    ['{{date:2025-10-08}}, extension 3202, 2-410 Imaizumi-cho', []],
  ])('finds %j → %j', (text, expected) => {
    expect(phoneLike(text)).toEqual(expected);
  });
});

describe('facts in the knowledge base and locales', () => {
  it('finds answers to check', () => {
    expect(answers.length).toBeGreaterThanOrEqual(kb.entries.length * 4);
  });

  it('every phone number in an answer, a label or a locale string is a verified one', () => {
    const bad = [...answers, ...labels, ...localeStrings].flatMap(([where, text]) =>
      phoneLike(text)
        .filter((p) => !ALLOWED_PHONES.includes(p))
        .map((p) => `${where}: ${p}`),
    );
    expect(bad).toEqual([]);
  });

  it("the bot's contact numbers are the verified ones", () => {
    expect([kb.bot.contact.phone, kb.bot.contact.switchboard]).toEqual(ALLOWED_PHONES);
  });

  it("no answer or locale string names the press release's staff member (石原)", () => {
    const bad = [...answers, ...localeStrings].filter(([, text]) => text.includes('石原'));
    expect(bad.map(([where]) => where)).toEqual([]);
  });

  it('no answer contains a link or markup ("http", "<")', () => {
    const bad = answers.filter(([, text]) => /http|</i.test(text));
    expect(bad.map(([where]) => where)).toEqual([]);
  });

  it('every {{date:…}} placeholder is a real calendar date, and no other {{…}} is left', () => {
    const bad: string[] = [];
    for (const [where, text] of answers) {
      for (const m of text.matchAll(/\{\{([^}]*)\}\}/g)) {
        const date = /^date:(\d{4})-(\d{2})-(\d{2})$/.exec(m[1]!);
        const d = date && new Date(Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!));
        const valid =
          date !== null &&
          d !== null &&
          d.getUTCFullYear() === +date[1]! &&
          d.getUTCMonth() === +date[2]! - 1 &&
          d.getUTCDate() === +date[3]!;
        if (!valid) bad.push(`${where}: ${m[0]}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the ceremony answers give the verified date in every language', () => {
    const entry = kb.entries.find((e) => e.id === 'ceremony.date');
    for (const text of Object.values(entry?.text ?? {}))
      expect(text.answer).toContain('{{date:2025-10-08}}');
  });
});
