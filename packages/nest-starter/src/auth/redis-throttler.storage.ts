import type { ThrottlerStorage } from '@nestjs/throttler';
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
 * When Redis fails the storage fails open: the hit is not counted and the request goes through, and
 * the Redis client logs the outage (`connectRedis`), as in every starter. Locking everyone out of
 * their accounts while a cache is down costs more than a short window of unlimited password guesses
 * against Argon2id hashes, and a 5xx would turn a cache outage into a login outage.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'throttler:',
  ) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    let hits: number;
    let remainingMs: number;
    try {
      [hits, remainingMs] = (await this.redis.eval(INCREMENT, 1, this.prefix + key, ttl)) as [
        number,
        number,
      ];
    } catch {
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
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
}
