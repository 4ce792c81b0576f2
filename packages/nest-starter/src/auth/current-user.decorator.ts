import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '@rosetta/domain';

/**
 * The authenticated caller, as a handler parameter. Throws (a 500) if the route is @Public() and so
 * never authenticated, rather than act as nobody.
 */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const req = context.switchToHttp().getRequest<Request>();
    if (!req.principal) {
      throw new Error(`${req.method} ${req.path} reads the principal of a @Public() route`);
    }
    return req.principal;
  },
);
