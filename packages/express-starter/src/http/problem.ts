import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
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
 * also says why, as RFC 6750 §3.1 asks.
 */
export function sendProblem(
  res: Response,
  code: ProblemCode,
  detail: string,
  extra: Pick<Problem, 'errors' | 'checks'> = {},
): void {
  const body = problem(code, detail, extra);
  if (body.status === 401) {
    res.set(
      'WWW-Authenticate',
      code === 'invalid_token' ? 'Bearer error="invalid_token"' : 'Bearer',
    );
  }
  res.status(body.status).type(PROBLEM_CONTENT_TYPE).json(body);
}

/** Body-parser's error types, and what each means under the contract. */
const bodyErrors: Record<string, [ProblemCode, string]> = {
  'entity.parse.failed': ['malformed_json', 'The request body is not valid JSON.'],
  'entity.too.large': ['payload_too_large', 'The request body is larger than 100 kB.'],
  'charset.unsupported': ['unsupported_media_type', 'The request body must be UTF-8 JSON.'],
  'encoding.unsupported': [
    'unsupported_media_type',
    'The request body uses an unsupported Content-Encoding.',
  ],
  // The client stopped sending, or sent fewer bytes than Content-Length promised.
  'request.aborted': ['malformed_json', 'The request body was incomplete.'],
  'request.size.invalid': ['malformed_json', 'The request body was incomplete.'],
};

/**
 * Express's only error middleware. Domain errors are deliberate and client-safe; body-parser's are the
 * client's fault; anything else is our bug, so the client learns nothing and pino-http logs the error
 * (through `res.err`) on the request's own log line.
 */
export const errorHandler: ErrorRequestHandler = (err, _req, res, next) => {
  if (res.headersSent) {
    next(err); // Express's default handler then closes the half-sent response.
    return;
  }
  if (err instanceof DomainError) {
    // The database is down, or the account has tried too often: tell the client when to retry.
    if (err.retryAfterSeconds !== undefined) res.set('Retry-After', String(err.retryAfterSeconds));
    sendProblem(
      res,
      err.code,
      err.message,
      err instanceof InvalidInputError ? { errors: err.errors } : {},
    );
    return;
  }
  // The router could not percent-decode a path parameter (`/tasks/%ZZ`): a name no resource has.
  if (err instanceof URIError) {
    sendProblem(res, 'not_found', 'There is nothing at this path.');
    return;
  }
  const bodyError = typeof err?.type === 'string' ? bodyErrors[err.type] : undefined;
  if (bodyError) {
    sendProblem(res, ...bodyError);
    return;
  }
  res.err = err instanceof Error ? err : new Error(String(err));
  sendProblem(res, 'internal_error', 'An unexpected error occurred. It has been logged.');
};

/** The final handler: no router claimed the path. */
export const notFound: RequestHandler = (_req, res) => {
  sendProblem(res, 'not_found', 'There is nothing at this path.');
};

/**
 * Ends a `router.route()` chain: the path exists but not for this method. Express answers HEAD with the
 * GET handler, so HEAD is allowed wherever GET is.
 */
export function methodNotAllowed(methods: readonly string[]): RequestHandler {
  const allow = methods
    .flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method]))
    .join(', ');
  return (req, res) => {
    res.set('Allow', allow);
    sendProblem(res, 'method_not_allowed', `${req.method} is not supported here; use ${allow}.`);
  };
}
