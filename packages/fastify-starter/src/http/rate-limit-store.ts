import type {
  FastifyRateLimitStore,
  FastifyRateLimitStoreCtor,
  RateLimitOptions,
} from '@fastify/rate-limit';
import LocalStore from '@fastify/rate-limit/store/LocalStore.js';
import RedisStore from '@fastify/rate-limit/store/RedisStore.js';
import type { Redis } from 'ioredis';

/**
 * @fastify/rate-limit's own Redis store, backed by its own in-memory store: while Redis is
 * unreachable a hit is counted in this process instead, so the limit still holds per instance rather
 * than switching off, and a cache outage is neither a lock-out nor a 5xx. The plugin takes a store
 * as a class it constructs itself, hence the class made here around `redis`. The outage itself is
 * logged once by the Redis client (`connectRedis`), not on every request.
 */
export function redisStore(redis: Redis): FastifyRateLimitStoreCtor {
  return class extends WithFallback {
    // The plugin's own settings, which its types leave as an empty interface.
    constructor({ continueExceeding = false, exponentialBackoff = false }: RateLimitOptions) {
      super(
        new RedisStore(continueExceeding, exponentialBackoff, redis),
        new LocalStore(continueExceeding, exponentialBackoff),
      );
    }
  };
}

class WithFallback implements FastifyRateLimitStore {
  constructor(
    private readonly shared: FastifyRateLimitStore,
    private readonly local: FastifyRateLimitStore,
  ) {}

  incr(...[key, callback, timeWindow, max]: Parameters<FastifyRateLimitStore['incr']>): void {
    this.shared.incr(
      key,
      (error, result) =>
        error ? this.local.incr(key, callback, timeWindow, max) : callback(null, result),
      timeWindow,
      max,
    );
  }

  child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
    return new WithFallback(this.shared.child(routeOptions), this.local.child(routeOptions));
  }
}
