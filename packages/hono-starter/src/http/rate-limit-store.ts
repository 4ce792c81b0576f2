import type { Redis } from 'ioredis';
import { MemoryStore, RedisStore, type Store } from 'hono-rate-limiter';

/**
 * hono-rate-limiter's own Redis store over ioredis, backed by its own MemoryStore: while Redis is
 * unreachable a hit is counted in this process instead, so the limit still holds per instance rather
 * than switching off, and a cache outage is neither a lock-out nor a 5xx. The outage itself is logged
 * once by the Redis client (`connectRedis`), not on every request. The Redis store speaks Upstash's
 * client API (`scriptLoad`, `evalsha(sha, keys, args)`); the few lines below translate it to ioredis.
 */
export function redisStore(redis: Redis): Store {
  return withFallback(
    new RedisStore({
      client: {
        scriptLoad: (script) => redis.script('LOAD', script) as Promise<string>,
        evalsha: <TArgs extends unknown[], TData = unknown>(
          sha: string,
          keys: string[],
          args: TArgs,
        ) => redis.evalsha(sha, keys.length, ...keys, ...args.map(String)) as Promise<TData>,
        decr: (key) => redis.decr(key),
        del: (key) => redis.del(key),
      },
    }),
    new MemoryStore(),
  );
}

function withFallback(shared: Store, local: Store): Store {
  return {
    prefix: shared.prefix,
    localKeys: false,
    init: (options) => {
      shared.init?.(options);
      local.init?.(options);
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
