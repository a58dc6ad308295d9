import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { maskPersonalData } from './mask';

/** One line of the log; the report reads lines back with this schema and skips any that fail it. */
export const UnansweredRecordSchema = z.object({
  time: z.string(),
  lang: z.string(),
  /** fallback: nothing matched well enough; clarify: several answers were too close to choose. */
  outcome: z.enum(['fallback', 'clarify']),
  /** The question with personal data masked. */
  text: z.string(),
  candidates: z.array(z.object({ id: z.string(), score: z.number() })).default([]),
});
export type UnansweredRecord = z.infer<typeof UnansweredRecordSchema>;

export interface UnansweredLogOptions {
  dir: string;
  /** The file is rotated to `unanswered.1.jsonl` (replacing the previous one) beyond this size. */
  maxBytes: number;
  logger: Logger;
  now?: () => Date;
}

export const LOG_FILE = 'unanswered.jsonl';
export const ROTATED_FILE = 'unanswered.1.jsonl';

/**
 * An append-only record of what residents asked that the bot could not answer, so staff know
 * which answers to add. Personal data is masked before anything is written; writes are queued
 * one after another, and a failed write is logged and dropped, never breaking a reply.
 */
export class UnansweredLog {
  private queue: Promise<void> = Promise.resolve();
  private readonly file: string;

  constructor(private readonly options: UnansweredLogOptions) {
    this.file = join(options.dir, LOG_FILE);
  }

  record(entry: Omit<UnansweredRecord, 'time' | 'text'> & { text: string }): void {
    const record: UnansweredRecord = {
      time: (this.options.now?.() ?? new Date()).toISOString(),
      lang: entry.lang,
      outcome: entry.outcome,
      text: maskPersonalData(entry.text).slice(0, 500),
      candidates: entry.candidates
        .slice(0, 3)
        .map((c) => ({ id: c.id, score: Math.round(c.score * 1000) / 1000 })),
    };
    this.queue = this.queue.then(() => this.write(`${JSON.stringify(record)}\n`));
  }

  /** Resolves when everything recorded so far has been written (or given up). */
  flush(): Promise<void> {
    return this.queue;
  }

  private async write(line: string): Promise<void> {
    try {
      await mkdir(this.options.dir, { recursive: true });
      const size = await stat(this.file).then(
        (s) => s.size,
        () => 0,
      );
      if (size + Buffer.byteLength(line) > this.options.maxBytes && size > 0)
        await rename(this.file, join(this.options.dir, ROTATED_FILE));
      await appendFile(this.file, line, { encoding: 'utf8', mode: 0o600 });
    } catch (err) {
      this.options.logger.warn(
        { err: { message: (err as Error).message } },
        'could not record an unanswered question',
      );
    }
  }
}
