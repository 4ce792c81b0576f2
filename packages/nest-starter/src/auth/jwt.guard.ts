import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthService } from '@rosetta/domain';
import { bearerToken, failures } from '@rosetta/shared-contract';
import { AUTH_SERVICE } from '../domain.module.js';
import { ProblemException } from '../http/problem.exception.js';
import type { AuthenticatedRequest } from './current-user.decorator.js';
import { IS_PUBLIC } from './public.decorator.js';

/**
 * Bearer-token authentication for every route not marked @Public(), registered globally (APP_GUARD).
 * Guards run only once a route has matched, so a wrong method or path is still 405/404 without a
 * token. No bearer credentials at all is `unauthorized`; a token the domain rejects surfaces as its
 * `invalid_token` error.
 */
@Injectable()
export class JwtGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AUTH_SERVICE) private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = bearerToken(req.headers.authorization);
    if (token === undefined) throw new ProblemException(...failures.missingToken);
    req.principal = await this.auth.authenticate(token);
    return true;
  }
}
