import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** One line of a staff regression file. */
export const BatchLineSchema = z.strictObject({
  text: z.string().min(1, 'expected a non-empty "text"'),
  lang: z.string().optional(),
  expected: z.string().min(1, 'expected an answer id or "fallback" in "expected"'),
});
export type BatchLine = z.infer<typeof BatchLineSchema>;

export type ParsedLine = { line: number; item: BatchLine } | { line: number; error: string };

/** Reads a JSONL regression file; a bad line becomes an error row rather than stopping the run. */
export function readBatch(file: string): ParsedLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((raw, i) => ({ raw: raw.trim(), line: i + 1 }))
    .filter(({ raw }) => raw.length > 0 && !raw.startsWith('//'))
    .map(({ raw, line }) => {
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return { line, error: 'expected a JSON object on this line' };
      }
      const parsed = BatchLineSchema.safeParse(json);
      return parsed.success
        ? { line, item: parsed.data }
        : {
            line,
            error: parsed.error.issues
              .map((i) => `${i.path.join('.') || 'line'}: ${i.message}`)
              .join('; '),
          };
    });
}

/** Whether a reply meets an expectation: an answer id, or "fallback" for the bot's "I don't know". */
export function meets(expected: string, reply: { answerId: string | null; kind: string }): boolean {
  return expected === 'fallback' ? reply.kind === 'fallback' : reply.answerId === expected;
}
