import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AuthService, Principal } from '@rosetta/domain';
import { bearerToken, failures } from '@rosetta/shared-contract';
import { problemResponse } from './problem.js';

/**
 * What `authenticate` adds to the context. Hono merges a middleware's `Variables` into the handlers
 * after it, so `c.var.principal` is typed as present exactly on the routes that authenticate: a
 * handler that reads it without `authenticate` before it does not compile, where a framework without
 * typed context needs a runtime check for the same promise.
 */
export type AuthEnv = { Variables: { principal: Principal } };

/**
 * Bearer-token authentication for one route (not a whole sub-app, so that a wrong method or path is
 * still 405/404 without a token). No bearer credentials at all is `unauthorized`; a token the domain
 * rejects surfaces as its `invalid_token` error.
 */
export function authenticate(auth: AuthService): MiddlewareHandler<AuthEnv> {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const token = bearerToken(c.req.header('Authorization'));
    if (token === undefined) return problemResponse(c, ...failures.missingToken);
    c.set('principal', await auth.authenticate(token));
    await next();
  });
}
