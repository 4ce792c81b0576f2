import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@rosetta/domain';
import {
  allowHeader,
  type Failure,
  failureAnswer,
  failures,
  methodNotAllowed,
  type Problem,
  type ProblemAnswer,
  type ProblemCode,
  problemAnswer,
} from '@rosetta/shared-contract';
import { logCompleted } from './request-logger.js';
import { validationErrors } from './validate.js';

/**
 * Writes the answer to a failure, whose status, headers and body the contract's HTTP policy decides.
 * Fastify adds `; charset=utf-8` to any JSON media type.
 */
function send(reply: FastifyReply, { status, headers, body }: ProblemAnswer): FastifyReply {
  return reply.code(status).headers(headers).send(body);
}

/** The one way this app answers a failure: `sendProblem(reply, ...failures.notFound)`. */
export function sendProblem(
  reply: FastifyReply,
  code: ProblemCode,
  detail: string,
  extra: Pick<Problem, 'errors' | 'checks'> = {},
): FastifyReply {
  return send(reply, problemAnswer(code, detail, extra));
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
const fastifyErrors: Record<string, Failure> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: failures.notJson,
  FST_ERR_CTP_INVALID_JSON_BODY: failures.malformedJson,
  FST_ERR_CTP_EMPTY_JSON_BODY: failures.emptyBody,
  FST_ERR_CTP_BODY_TOO_LARGE: failures.bodyTooLarge,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: failures.incompleteBody,
  ECONNRESET: failures.incompleteBody,
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
  if (error instanceof DomainError) return send(reply, failureAnswer(error));
  if (error instanceof ProblemError) return sendProblem(reply, error.code, error.message);
  if (error.validation) {
    return sendProblem(reply, ...failures.invalidRequest, { errors: validationErrors(error) });
  }
  const fastifyError = fastifyErrors[error.code];
  if (fastifyError) return sendProblem(reply, ...fastifyError);
  // A custom error handler replaces Fastify's logging of 5xx errors along with its response: the
  // error goes to the log on the request's completion line, from `reply.failure`.
  return sendProblem(reply, ...failures.internal);
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
  if (methods.length === 0) return sendProblem(reply, ...failures.notFound);
  const allow = allowHeader(methods);
  reply.header('Allow', allow);
  return sendProblem(reply, ...methodNotAllowed(request.method, allow));
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
  sendProblem(reply, ...failures.notFound);
  logCompleted(request, reply);
  return reply;
}
