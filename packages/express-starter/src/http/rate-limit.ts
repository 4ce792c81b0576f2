import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { Config } from '@rosetta/domain';
import { sendProblem } from './problem.js';

/**
 * One limiter for the credential endpoints: give the same instance to login and register so they
 * share a bucket per client IP, and guessing passwords cannot dodge the limit by alternating routes.
 * The key is `req.ip`, which honours the app's `trust proxy` setting, so behind a trusted proxy each
 * client counts separately.
 *
 * With `redis` the counters live in Redis, so every instance behind a load balancer spends the same
 * budget; without it, in this process's memory. When Redis fails the limiter fails open: it logs and
 * lets the request through, as every starter does. Locking everyone out of their accounts while a
 * cache is down costs more than a short window of unlimited password guesses against Argon2id hashes,
 * and a 5xx would turn a cache outage into a login outage.
 */
export function authRateLimit(
  { max, windowSeconds }: Config['authRateLimit'],
  logger: Logger,
  redis?: Redis,
): RequestHandler {
  return rateLimit({
    windowMs: windowSeconds * 1000,
    limit: max,
    // RateLimit-Limit / -Remaining / -Reset / -Policy: the draft the other starters' libraries also speak.
    standardHeaders: 'draft-6',
    legacyHeaders: false,
    // Retry-After is already set (in seconds) when the handler runs.
    handler: (_req, res) => {
      sendProblem(
        res,
        'rate_limited',
        'Too many attempts from this client; retry after the Retry-After delay.',
      );
    },
    ...(redis && { store: redisStore(redis) }),
    passOnStoreError: true,
    // Its configuration warnings and store errors belong in our logs, not on bare stderr.
    logger,
  });
}

function redisStore(redis: Redis): RedisStore {
  const store = new RedisStore({
    sendCommand: (command: string, ...args: string[]) =>
      redis.call(command, ...args) as Promise<RedisReply>,
  });
  // The store loads its Lua scripts as it is made, and loads them again when a command fails; if Redis
  // is down at start-up, nothing would handle those first rejections, and Node would exit.
  store.incrementScriptSha.catch(() => undefined);
  store.getScriptSha.catch(() => undefined);
  return store;
}
