import type { Redis } from 'ioredis';
import { RedisStore, type Store } from 'hono-rate-limiter';

/**
 * hono-rate-limiter's own Redis store over ioredis. The store speaks Upstash's client API
 * (`scriptLoad`, `evalsha(sha, keys, args)`); these few lines translate it to ioredis's commands.
 * (A file the other starters lack: their limiters take an ioredis client, or a `sendCommand`, as is.)
 */
export function redisStore(redis: Redis): Store {
  return failOpen(
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
  );
}

/**
 * A store whose failures let the request through, as `passOnStoreError` (express-rate-limit) and
 * `skipOnError` (@fastify/rate-limit) do, and hono-rate-limiter has no option for. The outage itself is
 * logged by the Redis client (`connectRedis`), once, rather than on every request.
 */
function failOpen(store: Store): Store {
  return {
    prefix: store.prefix,
    localKeys: false,
    init: (options) => store.init?.(options),
    increment: async (key) => {
      try {
        return await store.increment(key);
      } catch {
        return { totalHits: 0 };
      }
    },
    decrement: async (key) => {
      await Promise.resolve(store.decrement(key)).catch(() => undefined);
    },
    resetKey: async (key) => {
      await Promise.resolve(store.resetKey(key)).catch(() => undefined);
    },
  };
}
