import type { Context, ErrorHandler, Hono, MiddlewareHandler, NotFoundHandler } from 'hono';
import { methodNotAllowed as honoMethodNotAllowed } from 'hono/method-not-allowed';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, InvalidInputError } from '@rosetta/domain';
import {
  PROBLEM_CONTENT_TYPE,
  type Problem,
  type ProblemCode,
  problem,
} from '@rosetta/shared-contract';

/**
 * The one way this app answers a failure: an RFC 9457 problem whose status and title come from the
 * contract's `problemTypes`. Every 401 says how to authenticate (RFC 9110 §11.6.1); a rejected token
 * also says why, as RFC 6750 §3.1 asks. Hono handlers return their response, so this builds one.
 */
export function problemResponse(
  c: Context,
  code: ProblemCode,
  detail: string,
  extra: Pick<Problem, 'errors' | 'checks'> = {},
): Response {
  const body = problem(code, detail, extra);
  const headers: Record<string, string> = { 'Content-Type': PROBLEM_CONTENT_TYPE };
  if (body.status === 401) {
    headers['WWW-Authenticate'] =
      code === 'invalid_token' ? 'Bearer error="invalid_token"' : 'Bearer';
  }
  return c.json(body, body.status as ContentfulStatusCode, headers);
}

/**
 * `app.onError`: Hono hands it whatever a handler or middleware threw. Domain errors are deliberate
 * and client-safe; anything else is our bug, so the client learns nothing. Hono keeps the error as
 * `c.error`, where the request logger finds it and logs it on the request's own line. Body errors
 * never arrive here: `jsonBody()` answers them itself.
 */
export const errorHandler: ErrorHandler = (err, c) => {
  if (err instanceof DomainError) {
    // The database is down, or the account has tried too often: tell the client when to retry.
    if (err.retryAfterSeconds !== undefined) c.header('Retry-After', String(err.retryAfterSeconds));
    return problemResponse(
      c,
      err.code,
      err.message,
      err instanceof InvalidInputError ? { errors: err.errors } : {},
    );
  }
  return problemResponse(c, 'internal_error', 'An unexpected error occurred. It has been logged.');
};

/** `app.notFound`: no route claimed the path. */
export const notFound: NotFoundHandler = (c) =>
  problemResponse(c, 'not_found', 'There is nothing at this path.');

/**
 * Hono decodes path parameters leniently, handing `%ZZ` to the handler as it is, where Express's and
 * Fastify's routers refuse the path. A path that is not valid percent-encoding names no resource: 404,
 * before authentication, as they answer. The raw URL is read because `c.req.path` is already decoded.
 */
export const rejectUndecodablePath: MiddlewareHandler = async (c, next) => {
  // Only a URL with a `%` in it can fail to decode: most requests skip parsing it.
  if (c.req.url.includes('%')) {
    try {
      decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return problemResponse(c, 'not_found', 'There is nothing at this path.');
    }
  }
  await next();
};

// The order Express's starter lists them in, so that Allow reads the same whatever order routes were
// registered in.
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Hono's router answers a known path with the wrong method as a 404. Its `methodNotAllowed`
 * middleware turns that 404 into a 405, reading the methods the path does have from the app's own
 * route table (with HEAD wherever GET is, since Hono answers HEAD with the GET handler), so no route
 * file lists its methods twice. Use it before the routes, on the app whose table it reads.
 */
export function methodNotAllowed(app: Hono): MiddlewareHandler {
  return honoMethodNotAllowed({
    app,
    onMethodNotAllowed: (c, methods) => {
      const allow = methods
        .toSorted((a, b) => METHOD_ORDER.indexOf(a) - METHOD_ORDER.indexOf(b))
        .join(', ');
      c.header('Allow', allow);
      return problemResponse(
        c,
        'method_not_allowed',
        `${c.req.method} is not supported here; use ${allow}.`,
      );
    },
  });
}
