import type { Redis } from 'ioredis';
import { MemoryStore, type Store } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { withFallback } from '@rosetta/runtime';

/**
 * rate-limit-redis over the ioredis client, backed by express-rate-limit's own MemoryStore, which
 * counts while Redis is unreachable (`withFallback`).
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
