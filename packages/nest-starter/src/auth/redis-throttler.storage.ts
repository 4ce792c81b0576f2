import type { OnApplicationShutdown } from '@nestjs/common';
import { type ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type { Redis } from 'ioredis';

/** The package exports the interface but not its record type. */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Counts a hit and reads what is left of the window in one round trip, atomically, so instances
 * sharing a Redis never lose a hit between them. The window is fixed, as express-rate-limit's is: it
 * starts with a client's first hit and ends `ttl` ms later, whatever comes in between.
 */
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { hits, redis.call('PTTL', KEYS[1]) }
`;

/**
 * @nestjs/throttler's storage in Redis, so every instance behind a load balancer spends the same
 * budget. (@nest-lab/throttler-storage-redis, the usual choice, does not yet declare support for Nest
 * 12; the contract is one method, so this file is small.) A client over the limit stays blocked until
 * the window ends, so `blockDuration` is not used: the module sets none, and it defaults to the window.
 *
 * While Redis is unreachable a hit is counted in this process instead, by the package's own in-memory
 * storage: the limit holds per instance rather than switching off, and a cache
 * outage is neither a lock-out nor a 5xx. The outage itself is logged once by the Redis client
 * (`connectRedis`), not on every request.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly local = new ThrottlerStorageService();

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'throttler:',
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    let hits: number;
    let remainingMs: number;
    try {
      [hits, remainingMs] = (await this.redis.eval(INCREMENT, 1, this.prefix + key, ttl)) as [
        number,
        number,
      ];
    } catch {
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
    const timeToExpire = Math.ceil(Math.max(remainingMs, 0) / 1000);
    const isBlocked = hits > limit;
    return {
      totalHits: hits,
      timeToExpire,
      isBlocked,
      timeToBlockExpire: isBlocked ? timeToExpire : 0,
    };
  }

  /** Stops the in-memory storage's sweep timer. */
  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
  }
}
