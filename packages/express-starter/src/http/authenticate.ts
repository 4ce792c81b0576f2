import type { RequestHandler, Response } from 'express';
import type { AuthService, Principal } from '@rosetta/domain';
import { bearerToken, failures } from '@rosetta/shared-contract';
import { sendProblem } from './problem.js';

declare module 'express-serve-static-core' {
  interface Locals {
    /** Who is calling; set by `authenticate` on the routes that need a token. */
    principal?: Principal;
  }
}

/**
 * Bearer-token authentication for one route (not a whole router, so that a wrong method or path is
 * still 405/404 without a token). No bearer credentials at all is `unauthorized`; a token the domain
 * rejects surfaces as its `invalid_token` error.
 */
export function authenticate(auth: AuthService): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req.get('Authorization'));
    if (token === undefined) {
      sendProblem(res, ...failures.missingToken);
      return;
    }
    res.locals.principal = await auth.authenticate(token);
    next();
  };
}

/** The authenticated caller. Throws (a 500) if a route forgot `authenticate`, rather than act as nobody. */
export function principal(res: Response): Principal {
  const caller = res.locals.principal;
  if (!caller)
    throw new Error(`${res.req.method} ${res.req.path} reads the principal without authenticate()`);
  return caller;
}
