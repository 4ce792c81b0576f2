import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { TooManyAttemptsError } from '../errors.js';

export interface AttemptLimit {
  /** Attempts one account may make in a window: failures, and the attempt that succeeds. */
  max: number;
  /** Seconds from an account's first attempt until its count starts again from zero. */
  windowSeconds: number;
}

/** The in-memory counts are swept of expired windows once they hold this many accounts. */
const SWEEP_AT = 10_000;
/**
 * And never hold more: past it the oldest are forgotten, so guesses spread over endless emails cannot
 * exhaust memory.
 */
const MAX_LOCAL = 100_000;

/**
 * Attempts per account at something a guesser would repeat: signing in to one email, or giving the
 * current password to change it. The per-client limit in each starter stops one address from guessing;
 * this stops many addresses guessing at one account.
 *
 * An attempt is counted before it is checked (`begin`), so a burst of concurrent guesses cannot all
 * pass the check before any is counted, and the count is forgotten once one succeeds (`succeeded`).
 * Past `max` in a window, `begin` throws a {@link TooManyAttemptsError} (429, with Retry-After) until
 * the window ends. The price is the usual one: a stranger can keep an account's owner from signing in
 * for a window at a time by failing for them; a window of minutes keeps that short.
 *
 * With Redis the counts are shared by every instance. While Redis is unreachable they fall back to this
 * process's memory, so the limit still holds per instance instead of switching off.
 */
export class AccountAttempts {
  private readonly local = new Map<string, { count: number; endsAt: number }>();

  constructor(
    private readonly limit: AttemptLimit,
    private readonly redis?: Redis,
  ) {}

  /** Counts an attempt at `key`; throws if the account has made too many in this window. */
  async begin(key: string, message: string): Promise<void> {
    const { count, retryAfterSeconds } = await this.count(key);
    if (count > this.limit.max) throw new TooManyAttemptsError(message, retryAfterSeconds);
  }

  /** Forgets `key`'s attempts: the account's owner got it right. */
  async succeeded(key: string): Promise<void> {
    this.local.delete(key);
    await this.redis?.del(redisKey(key)).catch(() => undefined);
  }

  private async count(key: string): Promise<{ count: number; retryAfterSeconds: number }> {
    if (this.redis) {
      try {
        // One round trip: start the window if there is none, count, and read how long it has left.
        const replies = await this.redis
          .multi()
          .set(redisKey(key), 0, 'EX', this.limit.windowSeconds, 'NX')
          .incr(redisKey(key))
          .ttl(redisKey(key))
          .exec();
        const count = Number(replies?.[1]?.[1]);
        const ttl = Number(replies?.[2]?.[1]);
        if (Number.isFinite(count) && Number.isFinite(ttl)) {
          return { count, retryAfterSeconds: Math.max(1, ttl) };
        }
      } catch {
        // Redis is down (its client logs that once): count here instead.
      }
    }
    return this.countLocally(key);
  }

  private countLocally(key: string): { count: number; retryAfterSeconds: number } {
    const now = Date.now();
    if (this.local.size >= SWEEP_AT) {
      for (const [k, v] of this.local) if (v.endsAt <= now) this.local.delete(k);
      for (const k of this.local.keys()) {
        if (this.local.size < MAX_LOCAL) break;
        this.local.delete(k);
      }
    }
    let entry = this.local.get(key);
    if (!entry || entry.endsAt <= now) {
      entry = { count: 0, endsAt: now + this.limit.windowSeconds * 1000 };
      this.local.set(key, entry);
    }
    entry.count++;
    return {
      count: entry.count,
      retryAfterSeconds: Math.max(1, Math.ceil((entry.endsAt - now) / 1000)),
    };
  }
}

/** Hashed: the key holds an email, which has no business in Redis in the clear. */
function redisKey(key: string): string {
  return `rosetta:attempts:${createHash('sha256').update(key).digest('base64url')}`;
}
