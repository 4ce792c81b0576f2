import type { IncomingHttpHeaders } from 'node:http';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@rosetta/domain';

/** The request as JwtGuard and @CurrentUser() see it, on either platform. */
export interface AuthenticatedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** Who is calling; set by JwtGuard on every route that is not @Public(). */
  principal?: Principal;
}

/**
 * The authenticated caller, as a handler parameter. Throws (a 500) if the route is @Public() and so
 * never authenticated, rather than act as nobody.
 */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!req.principal) {
      throw new Error(`${req.method} ${req.url} reads the principal of a @Public() route`);
    }
    return req.principal;
  },
);
