import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  Inject,
  NotFoundException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, InvalidInputError } from '@rosetta/domain';
import { PROBLEM_CONTENT_TYPE, type Problem, problem } from '@rosetta/shared-contract';
import { ProblemException } from './problem.exception.js';
import { RouteTable } from './route-table.js';

/**
 * The app's one exception filter, global and catching everything, so that every failure is an RFC 9457
 * problem and none is Nest's `{ statusCode, message }`. ProblemExceptions are already problems; domain
 * errors are deliberate and client-safe; a NotFoundException is Nest's router finding no route (404,
 * or 405 when the path exists for other methods); anything else is our bug, so the client learns
 * nothing and pino-http logs the error (through `res.err`) on the request's own log line.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(RouteTable) private readonly routes: RouteTable) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (res.headersSent) {
      // Too late for a problem: end the half-sent response, as Express's default handler does.
      res.err = toError(exception);
      res.destroy();
      return;
    }
    const body = this.toProblem(exception, req, res);
    if (body.status === 401) {
      // Every 401 says how to authenticate (RFC 9110 §11.6.1); a rejected token also says why
      // (RFC 6750 §3.1).
      res.set(
        'WWW-Authenticate',
        body.code === 'invalid_token' ? 'Bearer error="invalid_token"' : 'Bearer',
      );
    }
    res.status(body.status).type(PROBLEM_CONTENT_TYPE).json(body);
  }

  private toProblem(exception: unknown, req: Request, res: Response): Problem {
    if (exception instanceof ProblemException) return exception.getResponse();
    if (exception instanceof DomainError) {
      // The database is down, or the account has tried too often: tell the client when to retry.
      if (exception.retryAfterSeconds !== undefined) {
        res.set('Retry-After', String(exception.retryAfterSeconds));
      }
      const extra = exception instanceof InvalidInputError ? { errors: exception.errors } : {};
      return problem(exception.code, exception.message, extra);
    }
    // The router could not percent-decode the path (`/tasks/%ZZ`): a name no resource can have.
    // Express's router throws a URIError, which Nest's adapter wraps in a BadRequestException.
    if (exception instanceof Error && exception.cause instanceof URIError) {
      return problem('not_found', 'There is nothing at this path.');
    }
    // Nest's answer when no route matched: an unknown path and a wrong method look the same.
    if (exception instanceof NotFoundException) {
      const methods = this.routes.allowedMethods(req.path);
      if (methods.length === 0) return problem('not_found', 'There is nothing at this path.');
      const allow = methods.join(', ');
      res.set('Allow', allow);
      return problem('method_not_allowed', `${req.method} is not supported here; use ${allow}.`);
    }
    res.err = toError(exception);
    return problem('internal_error', 'An unexpected error occurred. It has been logged.');
  }
}

function toError(exception: unknown): Error {
  return exception instanceof Error ? exception : new Error(String(exception));
}
