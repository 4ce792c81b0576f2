import { describe, expect, it } from 'vitest';
import { type HitStore, withFallback } from '../src/index.js';

/** A store counting in a map; `down` makes every call fail, as a Redis store does in an outage. */
function countingStore(prefix: string) {
  const hits = new Map<string, number>();
  const state = { down: false, initialised: false };
  const fail = () => {
    if (state.down) throw new Error('Connection is closed.');
  };
  const store: HitStore<{ windowMs: number }, number> = {
    prefix,
    init: () => {
      state.initialised = true;
    },
    increment: async (key) => {
      fail();
      const count = (hits.get(key) ?? 0) + 1;
      hits.set(key, count);
      return count;
    },
    decrement: async (key) => {
      fail();
      hits.set(key, (hits.get(key) ?? 0) - 1);
    },
    resetKey: async (key) => {
      fail();
      hits.delete(key);
    },
  };
  return { store, hits, state };
}

describe('withFallback', () => {
  it('counts in the shared store while it answers, and nowhere else', async () => {
    const shared = countingStore('rl:');
    const local = countingStore('local:');
    const store = withFallback(shared.store, local.store);
    store.init?.({ windowMs: 1000 });
    expect([shared.state.initialised, local.state.initialised]).toEqual([true, true]);
    expect(store.prefix).toBe('rl:');
    expect(store.localKeys).toBe(false);
    expect(await store.increment('client')).toBe(1);
    expect(await store.increment('client')).toBe(2);
    expect(local.hits.size).toBe(0);
  });

  it('counts in this process while the shared store fails, so the limit still holds', async () => {
    const shared = countingStore('rl:');
    const local = countingStore('local:');
    const store = withFallback(shared.store, local.store);
    shared.state.down = true;
    expect(await store.increment('client')).toBe(1);
    expect(await store.increment('client')).toBe(2);
    expect(local.hits.get('client')).toBe(2);
    shared.state.down = false;
    expect(await store.increment('client')).toBe(1);
  });

  it('takes hits back and forgets keys in both, whether or not the shared store answers', async () => {
    const shared = countingStore('rl:');
    const local = countingStore('local:');
    const store = withFallback(shared.store, local.store);
    await store.increment('a');
    shared.state.down = true;
    await store.increment('a');
    await expect(store.decrement('a')).resolves.toBeUndefined();
    expect(local.hits.get('a')).toBe(0);
    shared.state.down = false;
    await store.decrement('a');
    expect(shared.hits.get('a')).toBe(0);
    await store.resetKey('a');
    expect([shared.hits.has('a'), local.hits.has('a')]).toEqual([false, false]);
  });
});
