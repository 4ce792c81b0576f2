import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  Inject,
  NotFoundException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DomainError, InvalidInputError } from '@rosetta/domain';
import { PROBLEM_CONTENT_TYPE, type Problem, problem } from '@rosetta/shared-contract';
import { nodeResponse, type Platform } from '../platform/platform.js';
import { PLATFORM } from '../platform/platforms.js';
import { ProblemException } from './problem.exception.js';
import { RouteTable } from './route-table.js';

/**
 * The app's one exception filter, global and catching everything, so that every failure is an RFC 9457
 * problem and none is Nest's `{ statusCode, message }`. ProblemExceptions are already problems; domain
 * errors are deliberate and client-safe; a NotFoundException is Nest's router finding no route (404,
 * or 405 when the path exists for other methods); anything else is our bug, so the client learns
 * nothing and the request logger logs the error (through `res.err`) on the request's own log line.
 * It answers through the HttpAdapterHost, as Nest's platform-agnostic filters do, so it serves on
 * either platform.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(RouteTable) private readonly routes: RouteTable,
    @Inject(PLATFORM) private readonly platform: Platform,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const http = host.switchToHttp();
    const req = http.getRequest<object>();
    const res = http.getResponse<object>();
    if (httpAdapter.isHeadersSent(res)) {
      // Too late for a problem: end the half-sent response, as Express's default handler does.
      const raw = nodeResponse(res);
      raw.err = toError(exception);
      raw.destroy();
      return;
    }
    const setHeader = (name: string, value: string) => httpAdapter.setHeader(res, name, value);
    const body = this.toProblem(exception, req, res, setHeader);
    if (body.status === 401) {
      // Every 401 says how to authenticate (RFC 9110 §11.6.1); a rejected token also says why
      // (RFC 6750 §3.1).
      setHeader(
        'WWW-Authenticate',
        body.code === 'invalid_token' ? 'Bearer error="invalid_token"' : 'Bearer',
      );
    }
    setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
    httpAdapter.reply(res, body, body.status);
  }

  private toProblem(
    exception: unknown,
    req: object,
    res: object,
    setHeader: (name: string, value: string) => void,
  ): Problem {
    if (exception instanceof ProblemException) return exception.getResponse();
    if (exception instanceof DomainError) {
      // The database is down, or the account has tried too often: tell the client when to retry.
      if (exception.retryAfterSeconds !== undefined) {
        setHeader('Retry-After', String(exception.retryAfterSeconds));
      }
      const extra = exception instanceof InvalidInputError ? { errors: exception.errors } : {};
      return problem(exception.code, exception.message, extra);
    }
    // The router could not percent-decode the path (`/tasks/%ZZ`): a name no resource can have.
    if (this.platform.isUndecodablePath(exception)) {
      return problem('not_found', 'There is nothing at this path.');
    }
    // Nest's answer when no route matched: an unknown path and a wrong method look the same.
    if (exception instanceof NotFoundException) {
      const { httpAdapter } = this.adapterHost;
      const path = (httpAdapter.getRequestUrl(req) as string).split('?')[0]!;
      const methods = this.routes.allowedMethods(path);
      if (methods.length === 0) return problem('not_found', 'There is nothing at this path.');
      const allow = methods.join(', ');
      setHeader('Allow', allow);
      const method = httpAdapter.getRequestMethod(req) as string;
      return problem('method_not_allowed', `${method} is not supported here; use ${allow}.`);
    }
    nodeResponse(res).err = toError(exception);
    return problem('internal_error', 'An unexpected error occurred. It has been logged.');
  }
}

function toError(exception: unknown): Error {
  return exception instanceof Error ? exception : new Error(String(exception));
}
