import type { Redis } from 'ioredis';
import { MemoryStore, type Options, type Store } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';

/**
 * rate-limit-redis over the ioredis client, backed by express-rate-limit's own MemoryStore: while
 * Redis is unreachable a hit is counted in this process instead, so the limit still holds per
 * instance rather than switching off, and a cache outage is neither a lock-out nor a 5xx. The outage
 * itself is logged once by the Redis client (`connectRedis`), not on every request.
 */
export function redisStore(redis: Redis): Store {
  const shared = new RedisStore({
    sendCommand: (command: string, ...args: string[]) =>
      redis.call(command, ...args) as Promise<RedisReply>,
  });
  // The store loads its Lua scripts as it is made, and loads them again when a command fails; if Redis
  // is down at start-up, nothing would handle those first rejections, and Node would exit.
  shared.incrementScriptSha.catch(() => undefined);
  shared.getScriptSha.catch(() => undefined);
  return withFallback(shared, new MemoryStore());
}

function withFallback(shared: Store, local: Store): Store {
  return {
    prefix: shared.prefix,
    localKeys: false,
    init: (options: Options) => {
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
