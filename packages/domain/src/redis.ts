import type { Redis } from 'ioredis';
import type { DomainLogger } from './types.js';

/**
 * A Redis client for the state every instance of a starter must share: the auth rate limits' counters
 * (per client, in each starter's limiter; per account, in the domain's `AccountAttempts`).
 *
 * It is tuned to fail fast, because every limiter falls back to counting in memory (the starters' stores,
 * see each `rate-limit-store.ts` or Nest's `redis-throttler.storage.ts`; the domain's `AccountAttempts`):
 * while Redis is unreachable a command is not queued but fails at once, the count moves to this
 * process, and ioredis keeps reconnecting in the background. Start-up does not wait for Redis either.
 * Each outage is logged once as a warning, and its end once as info, rather than once per request.
 */
export async function connectRedis(url: string, logger: DomainLogger): Promise<Redis> {
  // Loaded on first use (a tenth of a second at start): only servers given a REDIS_URL need it.
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
  });
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn(
      `Redis is unreachable (${error.message}): auth rate limits count in this process only, ` +
        'until it is back',
    );
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info('Redis is reachable again: auth rate limits are shared by every instance again');
  });
  // A failed first connection is already logged by the handler above, and ioredis retries it.
  await redis.connect().catch(() => undefined);
  return redis;
}
