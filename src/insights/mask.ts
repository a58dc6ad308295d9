/**
 * Removes personal data from a question before it is stored: e-mail addresses, phone
 * numbers, residence-card and My Number style numbers, and house numbers of addresses.
 * Deliberately greedy: a masked year is a small loss, a stored phone number is not.
 */
const RULES: Array<[RegExp, string]> = [
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, '[email]'],
  // Residence card: two letters, eight digits, two letters (AB12345678CD).
  [/\b[A-Za-z]{2}\s?\d{8}\s?[A-Za-z]{2}\b/g, '[id]'],
  // My Number (12 digits, maybe grouped 4-4-4) and other long digit runs.
  [/(?<!\d)\d{4}[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g, '[id]'],
  // Phone numbers: +81 or 0 followed by 9–10 digits with optional separators.
  [/(?:\+\d{1,3}[\s-]?)?\(?0?\d{1,4}\)?[\s-]?\d{1,4}[\s-]?\d{3,4}(?!\d)/g, '[phone]'],
  // Japanese house numbers: 2丁目410番地, 3番5号, 410番地.
  [/[0-9０-９一二三四五六七八九十]+丁目(?:[0-9０-９]+番地?)?(?:[0-9０-９]+号)?/gu, '[address]'],
  [/[0-9０-９]+番地?(?:[0-9０-９]+号)?/gu, '[address]'],
  // Hyphenated block numbers (2-410, 1-2-3) and street numbers in Latin-script addresses.
  [/(?<![\d-])\d{1,5}(?:-\d{1,5}){1,3}(?![\d-])/g, '[address]'],
  [
    /\b(rua|avenida|av\.?|street|st\.?|road|đường|duong|số|so|no\.?|nº|n°)\s*\d+/giu,
    '$1 [address]',
  ],
  // Any remaining run of six or more digits.
  [/\d{6,}/g, '[number]'],
];

export function maskPersonalData(text: string): string {
  return RULES.reduce(
    (out, [re, replacement]) => out.replace(re, replacement),
    text.normalize('NFKC'),
  );
}
