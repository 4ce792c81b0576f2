import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { ClientInfo } from '@rosetta/domain';

/**
 * Who is signing in, as the new session records it: the `User-Agent`, and `req.ip`, which honours
 * Express's `trust proxy`. The other starters' auth routes have a `client()` helper for the same.
 */
export const SignInClient = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ClientInfo => {
    const req = context.switchToHttp().getRequest<Request>();
    return { userAgent: req.get('User-Agent'), ipAddress: req.ip };
  },
);
