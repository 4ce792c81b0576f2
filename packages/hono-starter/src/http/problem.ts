import type { Context, ErrorHandler, Hono, MiddlewareHandler, NotFoundHandler } from 'hono';
import { methodNotAllowed as honoMethodNotAllowed } from 'hono/method-not-allowed';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError } from '@rosetta/domain';
import {
  allowHeader,
  failureAnswer,
  failures,
  methodNotAllowed as notAllowedHere,
  type Problem,
  type ProblemAnswer,
  type ProblemCode,
  problemAnswer,
} from '@rosetta/shared-contract';

/**
 * The response to a failure, whose status, headers and body the contract's HTTP policy decides. Hono
 * handlers return their response, so this builds one.
 */
function respond(c: Context, { status, headers, body }: ProblemAnswer): Response {
  return c.json(body, status as ContentfulStatusCode, headers);
}

/** The one way this app answers a failure: `problemResponse(c, ...failures.notFound)`. */
export function problemResponse(
  c: Context,
  code: ProblemCode,
  detail: string,
  extra: Pick<Problem, 'errors' | 'checks'> = {},
): Response {
  return respond(c, problemAnswer(code, detail, extra));
}

/**
 * `app.onError`: Hono hands it whatever a handler or middleware threw. Domain errors are deliberate
 * and client-safe; anything else is our bug, so the client learns nothing. Hono keeps the error as
 * `c.error`, where the request logger finds it and logs it on the request's own line. Body errors
 * never arrive here: `jsonBody()` answers them itself.
 */
export const errorHandler: ErrorHandler = (err, c) =>
  err instanceof DomainError
    ? respond(c, failureAnswer(err))
    : problemResponse(c, ...failures.internal);

/** `app.notFound`: no route claimed the path. */
export const notFound: NotFoundHandler = (c) => problemResponse(c, ...failures.notFound);

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
      return problemResponse(c, ...failures.notFound);
    }
  }
  await next();
};

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
      const allow = allowHeader(methods);
      c.header('Allow', allow);
      return problemResponse(c, ...notAllowedHere(c.req.method, allow));
    },
  });
}
