import { type ExecutionContext, Injectable } from '@nestjs/common';
import { failures } from '@rosetta/shared-contract';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerRequest,
} from '@nestjs/throttler';
import { ProblemException } from '../http/problem.exception.js';

/**
 * The credential endpoints' limit: @nestjs/throttler's guard on register and login, counting against
 * the limit and window AuthModule gives `ThrottlerModule.forRoot`. Three changes to the stock guard
 * make it answer as the contract says:
 * - one key per client whatever the route (the stock key includes the handler), so guessing passwords
 *   cannot dodge the limit by alternating login and register;
 * - the IETF draft-6 `RateLimit-*` headers, the ones express-rate-limit sends, rather than `X-RateLimit-*`;
 * - the 429 is a `rate_limited` problem, still with the headers and `Retry-After` (in seconds).
 * The tracker is throttler's default, `req.ip`, which honours the app's `trust proxy` setting. One
 * difference remains in memory: throttler's own storage forgets each hit a window after it was made (a
 * sliding window), where express-rate-limit starts a fresh window for everyone at once. The Redis
 * storage (REDIS_URL) counts a fixed window, as express-rate-limit does.
 */
@Injectable()
export class AuthRateLimitGuard extends ThrottlerGuard {
  protected override headerPrefix = 'RateLimit';

  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    name: string,
  ): string {
    return `${name}:${tracker}`;
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const { res } = this.getRequestResponse(request.context);
    this.setResponseHeader(res, 'RateLimit-Policy', `${request.limit};w=${request.ttl / 1000}`);
    return super.handleRequest(request);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    { limit, timeToBlockExpire }: ThrottlerLimitDetail,
  ): Promise<void> {
    const { res } = this.getRequestResponse(context);
    this.setResponseHeader(res, 'RateLimit-Limit', limit);
    this.setResponseHeader(res, 'RateLimit-Remaining', 0);
    this.setResponseHeader(res, 'RateLimit-Reset', timeToBlockExpire);
    throw new ProblemException(...failures.rateLimited);
  }
}
