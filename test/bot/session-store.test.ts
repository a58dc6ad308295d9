import { BoundedMemoryStorage } from '../../src/bot/session-store';

function clock(start = 0) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

const MINUTE = 60_000;

describe('BoundedMemoryStorage', () => {
  it('reads back what was written, as a copy', async () => {
    const store = new BoundedMemoryStorage({ maxEntries: 10, idleMs: MINUTE });
    const value = { lang: 'ja', nested: { n: 1 } };
    await store.write({ a: value });
    value.nested.n = 2;
    const read = await store.read(['a', 'missing']);
    expect(read).toEqual({ a: { lang: 'ja', nested: { n: 1 } } });
    (read.a as { nested: { n: number } }).nested.n = 3;
    expect((await store.read(['a'])).a).toEqual({ lang: 'ja', nested: { n: 1 } });
  });

  it('evicts the least recently used beyond its cap', async () => {
    const store = new BoundedMemoryStorage({ maxEntries: 2, idleMs: MINUTE });
    await store.write({ a: 1 });
    await store.write({ b: 2 });
    await store.read(['a']); // a is now more recent than b
    await store.write({ c: 3 });
    expect(store.size).toBe(2);
    expect(await store.read(['a', 'b', 'c'])).toEqual({ a: 1, c: 3 });
  });

  it('counts a write as a use', async () => {
    const store = new BoundedMemoryStorage({ maxEntries: 2, idleMs: MINUTE });
    await store.write({ a: 1, b: 2 });
    await store.write({ a: 10 });
    await store.write({ c: 3 });
    expect(await store.read(['a', 'b', 'c'])).toEqual({ a: 10, c: 3 });
  });

  it('forgets a conversation idle for longer than idleMs', async () => {
    const time = clock();
    const store = new BoundedMemoryStorage({ maxEntries: 10, idleMs: 30 * MINUTE, now: time.now });
    await store.write({ a: 1 });
    time.advance(30 * MINUTE);
    expect(await store.read(['a'])).toEqual({ a: 1 }); // exactly idleMs: still there, and touched
    time.advance(30 * MINUTE + 1);
    expect(await store.read(['a'])).toEqual({});
    expect(store.size).toBe(0);
  });

  it('keeps a conversation alive while it is used', async () => {
    const time = clock();
    const store = new BoundedMemoryStorage({ maxEntries: 10, idleMs: 10 * MINUTE, now: time.now });
    await store.write({ a: 1 });
    for (let i = 0; i < 5; i++) {
      time.advance(9 * MINUTE);
      expect(await store.read(['a'])).toEqual({ a: 1 });
    }
  });

  it('drops idle conversations when others are written', async () => {
    const time = clock();
    const store = new BoundedMemoryStorage({ maxEntries: 10, idleMs: MINUTE, now: time.now });
    await store.write({ old1: 1, old2: 2 });
    time.advance(MINUTE + 1);
    await store.write({ fresh: 3 });
    expect(store.size).toBe(1);
    expect(await store.read(['old1', 'old2', 'fresh'])).toEqual({ fresh: 3 });
  });

  it('deletes', async () => {
    const store = new BoundedMemoryStorage({ maxEntries: 10, idleMs: MINUTE });
    await store.write({ a: 1, b: 2 });
    await store.delete(['a', 'missing']);
    expect(await store.read(['a', 'b'])).toEqual({ b: 2 });
  });

  it('never grows past its cap when 100,000 distinct sessions are written', async () => {
    const cap = 1000;
    const store = new BoundedMemoryStorage({ maxEntries: cap, idleMs: 30 * MINUTE });
    let largest = 0;
    for (let i = 0; i < 100_000; i++) {
      await store.write({ [`session-${i}`]: { lang: 'en', lastEntryId: 'ceremony.date' } });
      largest = Math.max(largest, store.size);
    }
    expect(largest).toBe(cap);
    expect(Object.keys(await store.read(['session-0', 'session-98999', 'session-99999']))).toEqual([
      'session-99999',
    ]);
  });
});
