/**
 * Removes personal data from a question before it is stored: e-mail addresses, phone
 * numbers, residence-card and My Number style numbers, and house numbers of addresses.
 * Deliberately greedy: a masked year is a small loss, a stored phone number is not.
 * Digits are matched in their full-width forms too; the rest of the text is kept as typed.
 */
const D = '0-9０-９';
/** Compiles a rule, reading \d as an ASCII or full-width digit and a separator as any dash. */
const rule = (source: string, flags = 'gu'): RegExp =>
  new RegExp(
    source
      .replaceAll('[\\s-]', '[\\s\\-－‐]')
      .replaceAll('[\\d', `[${D}`)
      .replaceAll('\\d', `[${D}]`),
    flags,
  );
const STREET_AFTER =
  '(?:street|st\\.?|road|rd\\.?|avenue|ave\\.?|lane|ln\\.?|drive|dr\\.?|boulevard|blvd\\.?)';
const STREET_BEFORE = '(?:rua|avenida|av\\.?|travessa|alameda|estrada|rodovia|đường|duong|phố|pho)';

const RULES: Array<[RegExp, string]> = [
  // E-mail addresses are ASCII in practice; a Unicode local part would swallow Japanese text.
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]'],
  // Residence card: two letters, eight digits, two letters (AB12345678CD).
  [rule('(?<![A-Za-z])[A-Za-z]{2}\\s?\\d{8}\\s?[A-Za-z]{2}(?![A-Za-z])'), '[id]'],
  // My Number (12 digits, maybe grouped 4-4-4).
  [rule('(?<!\\d)\\d{4}[\\s-]?\\d{4}[\\s-]?\\d{4}(?!\\d)'), '[id]'],
  // Phone numbers: +81 or 0 followed by 9–10 digits with optional separators.
  [
    rule('(?:\\+\\d{1,3}[\\s-]?)?\\(?0?\\d{1,4}\\)?[\\s-]?\\d{1,4}[\\s-]?\\d{3,4}(?!\\d)'),
    '[phone]',
  ],
  // Japanese house numbers: 2丁目410番地, 3番5号, 410番地.
  [rule('[\\d一二三四五六七八九十]+丁目(?:\\d+番地?)?(?:\\d+号)?'), '[address]'],
  [rule('\\d+番地?(?:\\d+号)?'), '[address]'],
  // Hyphenated block numbers (2-410, 1-2-3).
  [rule('(?<![\\d-])\\d{1,5}(?:-\\d{1,5}){1,3}(?![\\d-])'), '[address]'],
  // Street numbers: "123 Main Street", "Rua das Flores, 123", "số 12", "No. 5".
  [rule(`\\b\\d{1,5}(?=\\s+(?:[\\p{L}'.-]+\\s+){0,3}${STREET_AFTER}\\b)`, 'giu'), '[address]'],
  [rule(`(${STREET_BEFORE}\\s+(?:[\\p{L}'.-]+\\s*){0,4},?\\s*)\\d{1,5}`, 'giu'), '$1[address]'],
  [rule('\\b(số|so|no\\.?|nº|n°)\\s*\\d+', 'giu'), '$1 [address]'],
  // Any remaining run of six or more digits.
  [rule('\\d{6,}'), '[number]'],
];

export function maskPersonalData(text: string): string {
  return RULES.reduce((out, [re, replacement]) => out.replace(re, replacement), text);
}
