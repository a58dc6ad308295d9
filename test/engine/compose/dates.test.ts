import { formatDate, renderDates } from '../../../src/engine/compose/dates';

describe('formatDate', () => {
  it.each([
    ['ja-JP-u-ca-japanese', '令和7年10月8日水曜日'],
    ['en-GB', 'Wednesday, 8 October 2025'],
    ['pt-BR', 'quarta-feira, 8 de outubro de 2025'],
    ['vi-VN', 'Thứ Tư, 8 tháng 10, 2025'],
  ])('renders 2025-10-08 for %s as %s', (locale, expected) => {
    expect(formatDate('2025-10-08', locale)).toBe(expected);
  });

  it.each([
    ['ja-JP-u-ca-japanese', '水曜日'],
    ['en-GB', 'Wednesday'],
    ['pt-BR', 'quarta-feira'],
    ['vi-VN', 'Thứ Tư'],
  ])('names the weekday in %s (%s)', (locale, weekday) => {
    expect(formatDate('2025-10-08', locale)).toContain(weekday);
  });

  it('keeps the calendar day whatever the process time zone', () => {
    // The date is formatted at noon in Japan, so it cannot slip a day in any zone.
    expect(formatDate('2025-09-25', 'en-GB')).toBe('Thursday, 25 September 2025');
    expect(formatDate('2025-11-02', 'ja-JP-u-ca-japanese')).toBe('令和7年11月2日日曜日');
  });
});

describe('renderDates', () => {
  it('replaces every placeholder', () => {
    expect(renderDates('From {{date:2025-10-03}} to {{date:2025-10-08}}.', 'en-GB')).toBe(
      'From Friday, 3 October 2025 to Wednesday, 8 October 2025.',
    );
  });

  it('renders the Japanese era form inside Japanese text', () => {
    expect(renderDates('締結式は{{date:2025-10-08}}です。', 'ja-JP-u-ca-japanese')).toBe(
      '締結式は令和7年10月8日水曜日です。',
    );
  });

  it('leaves text without placeholders, and malformed ones, unchanged', () => {
    expect(renderDates('No date here.', 'en-GB')).toBe('No date here.');
    expect(renderDates('{{date:x}} {{date:2025-1-8}}', 'en-GB')).toBe(
      '{{date:x}} {{date:2025-1-8}}',
    );
  });
});
