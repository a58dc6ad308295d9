import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from 'pino';
import type { Engine } from '../engine/engine';
import { KnowledgeError } from '../errors';
import type { LoadedEngine } from './load-engine';

/** Where the bot gets the engine for a turn: read once per turn, so a reload never splits one. */
export interface EngineSource {
  readonly current: Engine;
}

export type ReloadResult = { ok: true; entries: number } | { ok: false; error: string };

/**
 * Holds the live engine and swaps in a new one when staff edit the knowledge base or the
 * locales. The new files are validated first: an invalid edit is reported and the last good
 * engine keeps serving. Turns in flight finish on the engine they started with.
 */
export class ReloadableEngine implements EngineSource {
  private engine: Engine;
  private watchers: FSWatcher[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    initial: LoadedEngine,
    private readonly load: () => LoadedEngine,
    private readonly logger: Logger,
  ) {
    this.engine = initial.engine;
  }

  get current(): Engine {
    return this.engine;
  }

  reload(): ReloadResult {
    try {
      const next = this.load();
      this.engine = next.engine;
      this.logger.info({ entries: next.kb.entries.length }, 'knowledge reloaded');
      return { ok: true, entries: next.kb.entries.length };
    } catch (err) {
      const error = err instanceof KnowledgeError ? err.message : String(err);
      this.logger.error(
        { err: { message: error } },
        'knowledge edit rejected; still serving the last good version',
      );
      return { ok: false, error };
    }
  }

  /** Reloads shortly after files in these folders change (editors write in bursts). */
  watch(dirs: readonly string[], debounceMs = 300): void {
    for (const dir of dirs) {
      const watcher = watch(dir, { recursive: true }, () => {
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => this.reload(), debounceMs);
        this.timer.unref();
      });
      watcher.on('error', (err) =>
        this.logger.warn({ err: { message: err.message } }, 'knowledge watch failed'),
      );
      this.watchers.push(watcher);
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }
}
