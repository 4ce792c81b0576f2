import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { DomainError } from '@rosetta/domain';
import {
  allowHeader,
  bodyParserFailures,
  failureAnswer,
  failures,
  methodNotAllowed as notAllowedHere,
  type Problem,
  type ProblemAnswer,
  type ProblemCode,
  problemAnswer,
} from '@rosetta/shared-contract';

/** Writes the answer to a failure, whose status, headers and body the contract's HTTP policy decides. */
function send(res: Response, { status, headers, body }: ProblemAnswer): void {
  res.status(status).set(headers).json(body);
}

/** The one way this app answers a failure: `sendProblem(res, ...failures.notFound)`. */
export function sendProblem(
  res: Response,
  code: ProblemCode,
  detail: string,
  extra: Pick<Problem, 'errors' | 'checks'> = {},
): void {
  send(res, problemAnswer(code, detail, extra));
}

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
    send(res, failureAnswer(err));
    return;
  }
  // The router could not percent-decode a path parameter (`/tasks/%ZZ`): a name no resource has.
  if (err instanceof URIError) {
    sendProblem(res, ...failures.notFound);
    return;
  }
  const bodyError = typeof err?.type === 'string' ? bodyParserFailures[err.type] : undefined;
  if (bodyError) {
    sendProblem(res, ...bodyError);
    return;
  }
  res.err = err instanceof Error ? err : new Error(String(err));
  sendProblem(res, ...failures.internal);
};

/** The final handler: no router claimed the path. */
export const notFound: RequestHandler = (_req, res) => {
  sendProblem(res, ...failures.notFound);
};

/** Ends a `router.route()` chain: the path exists but not for this method. */
export function methodNotAllowed(methods: readonly string[]): RequestHandler {
  const allow = allowHeader(methods);
  return (req, res) => {
    res.set('Allow', allow);
    sendProblem(res, ...notAllowedHere(req.method, allow));
  };
}
