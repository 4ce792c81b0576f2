/**
 * What a rate limiter's store does, in the shape express-rate-limit defines and hono-rate-limiter
 * shares: count a hit for a key, take one back, forget a key.
 */
export interface HitStore<Options, Hits> {
  prefix?: string | undefined;
  localKeys?: boolean | undefined;
  init?: ((options: Options) => void | Promise<void>) | undefined;
  increment(key: string): Promise<Hits> | Hits;
  decrement(key: string): Promise<void> | void;
  resetKey(key: string): Promise<void> | void;
  shutdown?: (() => Promise<void> | void) | undefined;
}

/**
 * A store that counts in `shared` (Redis, for every instance) and, while a call to it fails, in
 * `local` (this process's memory) instead: the limit then still holds per instance rather than
 * switching off, and a cache outage is neither a lock-out nor a 5xx. Taking a hit back and forgetting
 * a key go to both, so neither keeps a count the other has dropped. The outage itself is logged once
 * by the Redis client (`connectRedis`), not on every request.
 */
export function withFallback<Options, Hits>(
  shared: HitStore<Options, Hits>,
  local: HitStore<Options, Hits>,
): HitStore<Options, Hits> {
  return {
    prefix: shared.prefix,
    // The counts are shared, so the limiter must not assume it sees every hit of a key.
    localKeys: false,
    init: (options) => {
      void shared.init?.(options);
      void local.init?.(options);
    },
    increment: async (key) => {
      try {
        return await shared.increment(key);
      } catch {
        return local.increment(key);
      }
    },
    decrement: async (key) => {
      await Promise.all([
        Promise.resolve(shared.decrement(key)).catch(() => undefined),
        local.decrement(key),
      ]);
    },
    resetKey: async (key) => {
      await Promise.all([
        Promise.resolve(shared.resetKey(key)).catch(() => undefined),
        local.resetKey(key),
      ]);
    },
    shutdown: () => local.shutdown?.(),
  };
}
