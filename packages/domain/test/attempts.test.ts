import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { AccountAttempts } from '../src/auth/attempts.js';
import { connectRedis, TooManyAttemptsError } from '../src/index.js';
import { closedPort } from './support/closed-port.js';

const limit = { max: 3, windowSeconds: 600 };
const quiet = { info: () => {}, warn: () => {} };

/** Makes `max` attempts at `key`, then returns what the next one threw, if anything. */
async function overTheLimit(attempts: AccountAttempts, key: string): Promise<unknown> {
  for (let i = 0; i < limit.max; i++) await attempts.begin(key, 'too many');
  return attempts.begin(key, 'too many').catch((e: unknown) => e);
}

describe('AccountAttempts', () => {
  it('refuses the attempt after max in a window, saying how long is left, and only for that key', async () => {
    const attempts = new AccountAttempts(limit);
    const error = await overTheLimit(attempts, 'login:a@example.com');
    expect(error).toBeInstanceOf(TooManyAttemptsError);
    expect(error).toMatchObject({ code: 'rate_limited' });
    const { retryAfterSeconds } = error as TooManyAttemptsError;
    expect(retryAfterSeconds).toBeGreaterThan(0);
    expect(retryAfterSeconds).toBeLessThanOrEqual(limit.windowSeconds);
    await expect(attempts.begin('login:b@example.com', 'too many')).resolves.toBeUndefined();
  });

  it('starts the count again after a success', async () => {
    const attempts = new AccountAttempts(limit);
    for (let i = 0; i < limit.max; i++) await attempts.begin('k', 'too many');
    await attempts.succeeded('k');
    expect(await overTheLimit(attempts, 'k')).toBeInstanceOf(TooManyAttemptsError);
  });

  it.runIf(process.env.TEST_REDIS_URL)(
    'shares the count between instances through Redis',
    async () => {
      const redis: Redis = await connectRedis(process.env.TEST_REDIS_URL!, quiet);
      const key = `login:${randomUUID()}@example.com`;
      try {
        const one = new AccountAttempts(limit, redis);
        const other = new AccountAttempts(limit, redis);
        for (let i = 0; i < limit.max; i++) await (i % 2 ? one : other).begin(key, 'too many');
        await expect(one.begin(key, 'too many')).rejects.toBeInstanceOf(TooManyAttemptsError);
        await other.succeeded(key);
        await expect(one.begin(key, 'too many')).resolves.toBeUndefined();
      } finally {
        await redis.quit();
      }
    },
  );

  it('counts in memory while its Redis is unreachable, instead of letting every attempt through', async () => {
    const redis = await connectRedis(`redis://127.0.0.1:${await closedPort()}`, quiet);
    try {
      const attempts = new AccountAttempts(limit, redis);
      expect(await overTheLimit(attempts, 'k')).toBeInstanceOf(TooManyAttemptsError);
    } finally {
      redis.disconnect();
    }
  });
});
