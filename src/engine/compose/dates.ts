const DATE_PLACEHOLDER = /\{\{date:(\d{4})-(\d{2})-(\d{2})\}\}/g;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(intlLocale: string): Intl.DateTimeFormat {
  let f = formatters.get(intlLocale);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale, { dateStyle: 'full', timeZone: 'Asia/Tokyo' });
    formatters.set(intlLocale, f);
  }
  return f;
}

/**
 * Formats a calendar date for a language with Intl (Japanese profiles ask for the Japanese
 * calendar, so 2025-10-08 reads 令和7年10月8日水曜日).
 */
export function formatDate(isoDate: string, intlLocale: string): string {
  return formatterFor(intlLocale).format(new Date(`${isoDate}T12:00:00+09:00`));
}

const rendered = new Map<string, string>();

/** Replaces every {{date:YYYY-MM-DD}} in an answer with the formatted date (answers are few: cached). */
export function renderDates(text: string, intlLocale: string): string {
  const key = `${intlLocale}\u0000${text}`;
  let out = rendered.get(key);
  if (out === undefined) {
    out = text.replace(DATE_PLACEHOLDER, (_m, y: string, mo: string, d: string) =>
      formatDate(`${y}-${mo}-${d}`, intlLocale),
    );
    if (rendered.size > 10_000) rendered.clear();
    rendered.set(key, out);
  }
  return out;
}
