import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, InvalidInputError } from '@rosetta/domain';
import {
  PROBLEM_CONTENT_TYPE,
  type Problem,
  type ProblemCode,
  problem,
} from '@rosetta/shared-contract';
import { logCompleted } from './request-logger.js';
import { validationErrors } from './validate.js';

/**
 * The one way this app answers a failure: an RFC 9457 problem whose status and title come from the
 * contract's `problemTypes`. Every 401 says how to authenticate (RFC 9110 §11.6.1); a rejected token
 * also says why, as RFC 6750 §3.1 asks. Fastify adds `; charset=utf-8` to any JSON media type.
 */
export function sendProblem(
  reply: FastifyReply,
  code: ProblemCode,
  detail: string,
  extra: Pick<Problem, 'errors' | 'checks'> = {},
): FastifyReply {
  const body = problem(code, detail, extra);
  if (body.status === 401) {
    reply.header(
      'WWW-Authenticate',
      code === 'invalid_token' ? 'Bearer error="invalid_token"' : 'Bearer',
    );
  }
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/**
 * A contract problem for a plugin that wants an error to throw rather than a reply to send (the rate
 * limiter's `errorResponseBuilder`, the JSON parser's `done`). The error handler answers it as is.
 */
export class ProblemError extends Error {
  constructor(
    readonly code: ProblemCode,
    detail: string,
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

/** Fastify's own errors (by `error.code`), and what each means under the contract. */
const fastifyErrors: Record<string, [ProblemCode, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    'unsupported_media_type',
    'The request body must be sent as application/json.',
  ],
  FST_ERR_CTP_INVALID_JSON_BODY: ['malformed_json', 'The request body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['malformed_json', 'The request needs a JSON body.'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', 'The request body is larger than 100 kB.'],
  // The client stopped sending, or sent fewer bytes than Content-Length promised.
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['malformed_json', 'The request body was incomplete.'],
  ECONNRESET: ['malformed_json', 'The request body was incomplete.'],
};

/**
 * The app's error handler (`setErrorHandler`), which every plugin inherits. Domain errors are
 * deliberate and client-safe; schema validation and Fastify's body parsing are the client's fault;
 * anything else is our bug, so the client learns nothing and the error goes to the request's log.
 */
export function errorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  // Fastify parses the body of an unmatched request too; a bad one must not hide the 404 or 405.
  if (request.is404) return notFound(request, reply);
  // For the request's one log line, which carries it when the answer is a 5xx (request-logger.ts).
  reply.failure = error;
  // The database is down, or the account has tried too often: tell the client when to retry.
  if (error instanceof DomainError && error.retryAfterSeconds !== undefined) {
    reply.header('Retry-After', String(error.retryAfterSeconds));
  }
  if (error instanceof DomainError || error instanceof ProblemError) {
    return sendProblem(
      reply,
      error.code,
      error.message,
      error instanceof InvalidInputError ? { errors: error.errors } : {},
    );
  }
  if (error.validation) {
    return sendProblem(reply, 'validation_failed', 'The request does not match the API contract.', {
      errors: validationErrors(error),
    });
  }
  const fastifyError = fastifyErrors[error.code];
  if (fastifyError) return sendProblem(reply, ...fastifyError);
  // A custom error handler replaces Fastify's logging of 5xx errors along with its response: the
  // error goes to the log on the request's completion line, from `reply.failure`.
  return sendProblem(reply, 'internal_error', 'An unexpected error occurred. It has been logged.');
}

// HEAD is listed because Fastify answers it for every GET route (`exposeHeadRoutes`). OPTIONS is
// left out: @fastify/cors's `OPTIONS *` route would make every path look known.
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * The not-found handler (`setNotFoundHandler`). Fastify answers a known path with an unknown method
 * 404 by design (fastify/fastify#862), so every unmatched request lands here, and this asks the router
 * which methods the path does have: some, and it is a 405 with Allow; none, and it is a 404. Route
 * plugins' hooks never run here, so a wrong method or path is 405/404 without a token.
 */
export function notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const methods = METHODS.filter((method) =>
    request.server.findRoute({ method, url: request.url }),
  );
  if (methods.length === 0) {
    return sendProblem(reply, 'not_found', 'There is nothing at this path.');
  }
  const allow = methods.join(', ');
  reply.header('Allow', allow);
  return sendProblem(
    reply,
    'method_not_allowed',
    `${request.method} is not supported here; use ${allow}.`,
  );
}

/**
 * Fastify's `frameworkErrors`: what the router rejects before any route, hook or error handler is
 * involved, a path that is not valid percent-encoding or a parameter over `maxParamLength`. No
 * resource has such a path. (Neither hooks nor Fastify's request logging reach these, so the request
 * id is echoed, and the request logged, by hand.)
 */
export function routerError(
  _error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  reply.header('X-Request-Id', request.id);
  sendProblem(reply, 'not_found', 'There is nothing at this path.');
  logCompleted(request, reply);
  return reply;
}
