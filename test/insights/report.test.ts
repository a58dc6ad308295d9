import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Analyzer } from '../../src/engine/text/analyzer';
import { groupQuestions, readRecords } from '../../src/insights/report';
import {
  LOG_FILE,
  ROTATED_FILE,
  UnansweredLog,
  type UnansweredRecord,
} from '../../src/insights/unanswered-log';
import { createLogger } from '../../src/logger';
import { languageProfiles } from '../helpers';

const analyzer = new Analyzer(languageProfiles());
/** The same terms the report CLI groups by. */
const termsOf = (text: string, lang: string) => analyzer.terms(text, lang);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'koyo-report-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function rec(
  text: string,
  lang: string,
  time = '2025-10-10T00:00:00.000Z',
  candidates: string[] = [],
): UnansweredRecord {
  return {
    time,
    lang,
    outcome: 'fallback',
    text,
    candidates: candidates.map((id, i) => ({ id, score: 0.3 - i / 100 })),
  };
}

const jsonl = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('readRecords', () => {
  it('reads the rotated file first, then the current one', () => {
    writeFileSync(join(dir, ROTATED_FILE), jsonl([rec('old one', 'en'), rec('old two', 'pt')]));
    writeFileSync(join(dir, LOG_FILE), jsonl([rec('new one', 'ja'), rec('new two', 'vi')]));
    expect(readRecords(dir).map((r) => r.text)).toEqual([
      'old one',
      'old two',
      'new one',
      'new two',
    ]);
  });

  it('reads what UnansweredLog wrote, across a rotation', async () => {
    const log = new UnansweredLog({ dir, maxBytes: 300, logger: createLogger('silent') });
    for (let i = 0; i < 4; i++)
      log.record({
        lang: 'en',
        outcome: 'clarify',
        text: `question number ${i} about parking`,
        candidates: [{ id: 'help.cityhall', score: 0.4 }],
      });
    await log.flush();
    const records = readRecords(dir);
    expect(records.length).toBeGreaterThanOrEqual(2);
    expect(records.map((r) => r.text).at(-1)).toBe('question number 3 about parking');
    for (const r of records) expect(r).toMatchObject({ lang: 'en', outcome: 'clarify' });
  });

  it('skips torn, empty and foreign lines', () => {
    const good = rec('how much is the minimum wage?', 'en');
    writeFileSync(
      join(dir, ROTATED_FILE),
      [
        JSON.stringify(good),
        '',
        '{"time":"2025-10-10T00:00:00.000Z","lang":"en","outc', // torn by a crash mid-write
      ].join('\n'),
    );
    writeFileSync(
      join(dir, LOG_FILE),
      [
        'not json at all',
        'null',
        '42',
        '"a string"',
        '[]',
        JSON.stringify({ hello: 'world' }),
        JSON.stringify({ ...good, text: 7 }),
        JSON.stringify({ ...good, lang: null }),
        JSON.stringify({ text: 'no time', lang: 'en' }),
        JSON.stringify(rec('where can I park my car?', 'en')),
        '{"time":"2025-10-1', // torn last line
      ].join('\n'),
    );
    expect(readRecords(dir)).toEqual([good, rec('where can I park my car?', 'en')]);
  });

  it('reads only the current file when nothing was rotated yet', () => {
    writeFileSync(join(dir, LOG_FILE), jsonl([rec('one', 'en')]));
    expect(readRecords(dir)).toEqual([rec('one', 'en')]);
  });

  it('returns nothing for a missing or empty folder', () => {
    expect(readRecords(join(dir, 'missing'))).toEqual([]);
    mkdirSync(join(dir, 'empty'));
    expect(readRecords(join(dir, 'empty'))).toEqual([]);
  });
});

describe('groupQuestions', () => {
  const WAGE_EN = [
    'How much is the minimum wage?',
    'what is the minimum wage',
    'minimum wage how much',
  ];

  it('groups wordings of one question in one language, most frequent first', () => {
    const groups = groupQuestions(
      [
        rec(WAGE_EN[0]!, 'en', '2025-10-01T00:00:00.000Z', ['agreement.what']),
        rec('where can I park my car?', 'en', '2025-10-02T00:00:00.000Z', ['help.cityhall']),
        rec(WAGE_EN[1]!, 'en', '2025-10-03T00:00:00.000Z', ['agreement.what', 'help.hellowork']),
        rec(WAGE_EN[2]!, 'en', '2025-10-04T00:00:00.000Z', ['help.hellowork', 'agreement.what']),
        // The same words in another language are another group.
        rec('how much is the minimum wage', 'pt', '2025-10-05T00:00:00.000Z'),
      ],
      termsOf,
    );
    expect(groups).toHaveLength(3);
    expect(groups[0]).toEqual({
      lang: 'en',
      count: 3,
      example: WAGE_EN[0],
      variants: WAGE_EN,
      candidates: ['agreement.what', 'help.hellowork'],
      lastSeen: '2025-10-04T00:00:00.000Z',
    });
    expect(groups.slice(1)).toEqual([
      expect.objectContaining({ lang: 'en', count: 1, example: 'where can I park my car?' }),
      expect.objectContaining({ lang: 'pt', count: 1, example: 'how much is the minimum wage' }),
    ]);
  });

  it('groups per language in all four languages', () => {
    const groups = groupQuestions(
      [
        rec('最低賃金はいくらですか', 'ja'),
        rec('quanto é o salário mínimo?', 'pt'),
        rec('lương tối thiểu là bao nhiêu?', 'vi'),
        rec('最低賃金はいくら？', 'ja'),
        rec('qual é o salário mínimo', 'pt'),
        rec('lương tối thiểu bao nhiêu', 'vi'),
        rec('quanto é o salário mínimo?', 'pt'),
        rec('What is the minimum wage?', 'en'),
      ],
      termsOf,
    );
    expect(groups.map((g) => [g.lang, g.count])).toEqual([
      ['pt', 3],
      ['ja', 2],
      ['vi', 2],
      ['en', 1],
    ]);
    // The most frequent wording is the example; each wording is listed once.
    expect(groups[0]).toMatchObject({
      example: 'quanto é o salário mínimo?',
      variants: ['quanto é o salário mínimo?', 'qual é o salário mínimo'],
    });
  });

  it('orders by count, then by language', () => {
    const groups = groupQuestions(
      [
        rec('where can I park my car?', 'en'),
        rec('onde posso estacionar o carro?', 'pt'),
        rec('is there a parking lot', 'en'),
        rec('onde posso estacionar o carro?', 'pt'),
        rec('駐車場はありますか', 'ja'),
      ],
      termsOf,
    );
    expect(groups.map((g) => [g.lang, g.count])).toEqual([
      ['pt', 2],
      ['en', 1],
      ['en', 1],
      ['ja', 1],
    ]);
  });

  it('leaves out what is older than `since`', () => {
    const records = [
      rec(WAGE_EN[0]!, 'en', '2025-09-01T00:00:00.000Z'),
      rec(WAGE_EN[1]!, 'en', '2025-10-02T00:00:00.000Z'),
      rec(WAGE_EN[2]!, 'en', '2025-10-03T00:00:00.000Z'),
      rec('where can I park my car?', 'en', '2025-09-15T00:00:00.000Z'),
    ];
    const since = new Date('2025-10-01T00:00:00.000Z');
    const groups = groupQuestions(records, termsOf, { since });
    expect(groups).toEqual([
      expect.objectContaining({
        lang: 'en',
        count: 2,
        variants: [WAGE_EN[1], WAGE_EN[2]],
        lastSeen: '2025-10-03T00:00:00.000Z',
      }),
    ]);
    // A record exactly at `since` counts.
    expect(
      groupQuestions([rec('x y z', 'en', since.toISOString())], termsOf, { since }),
    ).toHaveLength(1);
    expect(groupQuestions(records, termsOf)).toHaveLength(2);
  });

  it('keeps at most five wordings and three candidates per group', () => {
    const wordings = [
      'minimum wage',
      'the minimum wage',
      'minimum wage?',
      'minimum wage please',
      'minimum wage now',
      'minimum wage today',
    ];
    const groups = groupQuestions(
      wordings.map((w, i) => rec(w, 'en', undefined, [`e${i % 4}`, 'common'])),
      termsOf,
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]!.count).toBe(6);
    expect(groups[0]!.variants).toHaveLength(5);
    expect(groups[0]!.candidates).toHaveLength(3);
    expect(groups[0]!.candidates[0]).toBe('common');
  });

  it('minSimilarity decides how alike questions must be', () => {
    const records = [rec('minimum wage gunma', 'en'), rec('minimum wage tokyo', 'en')];
    expect(groupQuestions(records, termsOf)).toHaveLength(1); // 2 of 3 terms shared ≥ 0.6
    expect(groupQuestions(records, termsOf, { minSimilarity: 0.9 })).toHaveLength(2);
  });

  it('returns nothing for no records', () => {
    expect(groupQuestions([], termsOf)).toEqual([]);
  });

  it('what the CLI prints: read the folder, group since N days, filter by --lang, cut at --top', () => {
    const now = Date.parse('2025-10-20T00:00:00.000Z');
    const day = (n: number) => new Date(now - n * 86_400_000).toISOString();
    writeFileSync(
      join(dir, ROTATED_FILE),
      jsonl([rec('quanto é o salário mínimo?', 'pt', day(40)), rec(WAGE_EN[0]!, 'en', day(20))]),
    );
    writeFileSync(
      join(dir, LOG_FILE),
      jsonl([
        rec('qual é o salário mínimo', 'pt', day(3)),
        rec(WAGE_EN[1]!, 'en', day(2)),
        rec('where can I park my car?', 'en', day(1)),
        rec('quanto é o salário mínimo?', 'pt', day(1)),
      ]) + '{"torn',
    );
    const since = new Date(now - 30 * 86_400_000);
    const groups = groupQuestions(readRecords(dir), termsOf, { since });
    expect(groups.map((g) => [g.lang, g.count])).toEqual([
      ['en', 2],
      ['pt', 2],
      ['en', 1],
    ]);
    const pt = groups.filter((g) => g.lang === 'pt').slice(0, 1);
    expect(pt).toEqual([expect.objectContaining({ lang: 'pt', count: 2 })]);
    expect(groups.slice(0, 2)).toHaveLength(2);
  });

  // Regression (was a bug): readRecords accepts a line with time, lang and text but no `candidates` (an older or
  // hand-edited line), and groupQuestions then throws "Cannot read properties of undefined
  // (reading 'map')", so one such line stops `npm run report` altogether.
  it('a record line without candidates does not stop the report', () => {
    writeFileSync(
      join(dir, LOG_FILE),
      jsonl([
        { time: '2025-10-10T00:00:00.000Z', lang: 'en', outcome: 'fallback', text: 'parking?' },
        rec('where can I park my car?', 'en'),
      ]),
    );
    expect(() => groupQuestions(readRecords(dir), termsOf)).not.toThrow();
  });
});
