import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../src/runtime/paths';
import { z } from 'zod';

export const EvalItemSchema = z.strictObject({
  lang: z.string(),
  text: z.string(),
  expected: z.string().nullable(),
  kind: z.string(),
  previous: z.string().optional(),
});
export type EvalItem = z.infer<typeof EvalItemSchema>;

/** Reads a JSONL evaluation set; a bad line stops with its file and line number. */
export function readEvalSet(file = join(ROOT, 'test', 'eval', 'dev-set.jsonl')): EvalItem[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, n }) => {
      const parsed = EvalItemSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file} line ${n}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}
