import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  Inject,
  NotFoundException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DomainError } from '@rosetta/domain';
import {
  allowHeader,
  failureAnswer,
  failures,
  methodNotAllowed,
  type ProblemAnswer,
  problemAnswer,
} from '@rosetta/shared-contract';
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
    // Status, headers and body as the contract's HTTP policy decides them.
    const { status, headers, body } = this.toAnswer(exception, req, res);
    for (const [name, value] of Object.entries(headers)) httpAdapter.setHeader(res, name, value);
    httpAdapter.reply(res, body, status);
  }

  private toAnswer(exception: unknown, req: object, res: object): ProblemAnswer {
    if (exception instanceof ProblemException) return exception.answer;
    if (exception instanceof DomainError) return failureAnswer(exception);
    // The router could not percent-decode the path (`/tasks/%ZZ`): a name no resource can have.
    if (this.platform.isUndecodablePath(exception)) return problemAnswer(...failures.notFound);
    // Nest's answer when no route matched: an unknown path and a wrong method look the same.
    if (exception instanceof NotFoundException) {
      const { httpAdapter } = this.adapterHost;
      const path = (httpAdapter.getRequestUrl(req) as string).split('?')[0]!;
      const methods = this.routes.allowedMethods(path);
      if (methods.length === 0) return problemAnswer(...failures.notFound);
      const allow = allowHeader(methods);
      const method = httpAdapter.getRequestMethod(req) as string;
      return problemAnswer(...methodNotAllowed(method, allow), {}, { Allow: allow });
    }
    nodeResponse(res).err = toError(exception);
    return problemAnswer(...failures.internal);
  }
}

function toError(exception: unknown): Error {
  return exception instanceof Error ? exception : new Error(String(exception));
}
