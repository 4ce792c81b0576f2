import type { Redis } from 'ioredis';
import { MemoryStore, RedisStore, type Store } from 'hono-rate-limiter';
import { withFallback } from '@rosetta/runtime';

/**
 * hono-rate-limiter's own Redis store over ioredis, backed by its own MemoryStore, which counts while
 * Redis is unreachable (`withFallback`). The Redis store speaks Upstash's client API (`scriptLoad`,
 * `evalsha(sha, keys, args)`); the few lines below translate it to ioredis.
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
