import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import type { Config } from '@rosetta/domain';
import { sendProblem } from './problem.js';

/**
 * One limiter for the credential endpoints: give the same instance to login and register so they
 * share a bucket per client IP, and guessing passwords cannot dodge the limit by alternating routes.
 * The key is `req.ip`, which honours the app's `trust proxy` setting, so behind a trusted proxy each
 * client counts separately.
 */
export function authRateLimit(
  { max, windowSeconds }: Config['authRateLimit'],
  logger: Logger,
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
    // Its configuration warnings belong in our logs, not on bare stderr.
    logger,
  });
}
