import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '@rosetta/runtime';
import { failures } from '@rosetta/shared-contract';
import { sendProblem } from './problem.js';
import { redisStore } from './rate-limit-store.js';

/**
 * One limiter for the credential endpoints: give the same instance to login and register so they
 * share a bucket per client IP, and guessing passwords cannot dodge the limit by alternating routes.
 * The key is `req.ip`, which honours the app's `trust proxy` setting, so behind a trusted proxy each
 * client counts separately.
 *
 * With `redis` the counters live in Redis, so every instance behind a load balancer spends the same
 * budget; without it, in this process's memory. While Redis is unreachable the counters fall back to
 * this process's memory (`rate-limit-store.ts`): the limit holds per instance rather than switching
 * off, and a cache outage turns into neither a lock-out nor a 5xx.
 */
export function authRateLimit(
  { max, windowSeconds }: Config['authRateLimit'],
  logger: Logger,
  redis?: Redis,
): RequestHandler {
  return rateLimit({
    windowMs: windowSeconds * 1000,
    limit: max,
    // RateLimit-Limit / -Remaining / -Reset / -Policy: the IETF draft 6 headers the contract documents.
    standardHeaders: 'draft-6',
    legacyHeaders: false,
    // Retry-After is already set (in seconds) when the handler runs.
    handler: (_req, res) => {
      sendProblem(res, ...failures.rateLimited);
    },
    ...(redis && { store: redisStore(redis) }),
    // Its configuration warnings and store errors belong in our logs, not on bare stderr.
    logger,
  });
}
