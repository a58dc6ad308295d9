import type { Storage, StoreItems } from 'botbuilder';

export interface SessionStoreOptions {
  /** Most conversations kept at once; the least recently used is dropped beyond it. */
  maxEntries: number;
  /** A conversation untouched for this long is forgotten. */
  idleMs: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

/**
 * Botkit's conversation storage, bounded: a flood of new sessions evicts the least recently
 * used ones instead of exhausting memory. A Map keeps insertion order, so touching an item
 * (delete + set) keeps eviction O(1).
 */
export class BoundedMemoryStorage implements Storage {
  private readonly items = new Map<string, { value: unknown; touched: number }>();
  private readonly now: () => number;

  constructor(private readonly options: SessionStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.items.size;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const out: StoreItems = {};
    const now = this.now();
    for (const key of keys) {
      const item = this.items.get(key);
      if (!item) continue;
      this.items.delete(key);
      if (now - item.touched > this.options.idleMs) continue;
      this.items.set(key, { value: item.value, touched: now });
      out[key] = structuredClone(item.value);
    }
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    const now = this.now();
    for (const [key, value] of Object.entries(changes)) {
      this.items.delete(key);
      this.items.set(key, { value: structuredClone(value), touched: now });
    }
    this.evict(now);
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }

  private evict(now: number): void {
    while (this.items.size > this.options.maxEntries) {
      const oldest = this.items.keys().next().value as string;
      this.items.delete(oldest);
    }
    // The oldest entries come first: stop at the first one still fresh.
    for (const [key, item] of this.items) {
      if (now - item.touched <= this.options.idleMs) break;
      this.items.delete(key);
    }
  }
}
