import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  LOG_FILE,
  ROTATED_FILE,
  UnansweredRecordSchema,
  type UnansweredRecord,
} from './unanswered-log';

export interface QuestionGroup {
  lang: string;
  count: number;
  /** The most frequent wording in the group. */
  example: string;
  variants: string[];
  /** Answers the bot considered, most often first. */
  candidates: string[];
  lastSeen: string;
}

/** Reads both log files; lines that are not records are skipped. */
export function readRecords(dir: string): UnansweredRecord[] {
  const records: UnansweredRecord[] = [];
  for (const name of [ROTATED_FILE, LOG_FILE]) {
    let text = '';
    try {
      text = readFileSync(join(dir, name), 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        continue; // a torn line
      }
      const parsed = UnansweredRecordSchema.safeParse(json);
      if (parsed.success) records.push(parsed.data);
    }
  }
  return records;
}

function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}

function countsDesc(values: string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([v]) => v);
}

/**
 * Groups questions per language by similarity of their terms (greedy: each question joins the
 * first group whose first question shares at least `minSimilarity` of its terms), most frequent first.
 */
export function groupQuestions(
  records: readonly UnansweredRecord[],
  termsOf: (text: string, lang: string) => string[],
  options: { since?: Date; minSimilarity?: number } = {},
): QuestionGroup[] {
  const min = options.minSimilarity ?? 0.6;
  const groups: Array<{ lang: string; terms: Set<string>; items: UnansweredRecord[] }> = [];
  for (const r of records) {
    if (options.since && new Date(r.time) < options.since) continue;
    const terms = new Set(termsOf(r.text, r.lang));
    const home = groups.find((g) => g.lang === r.lang && similarity(g.terms, terms) >= min);
    if (home) home.items.push(r);
    else groups.push({ lang: r.lang, terms, items: [r] });
  }
  return groups
    .map((g) => {
      const variants = countsDesc(g.items.map((i) => i.text));
      return {
        lang: g.lang,
        count: g.items.length,
        example: variants[0]!,
        variants: variants.slice(0, 5),
        candidates: countsDesc(g.items.flatMap((i) => i.candidates.map((c) => c.id))).slice(0, 3),
        lastSeen: g.items
          .map((i) => i.time)
          .sort()
          .at(-1)!,
      };
    })
    .sort((a, b) => b.count - a.count || a.lang.localeCompare(b.lang));
}
