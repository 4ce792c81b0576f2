import type { IncomingMessage } from 'node:http';
import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { json } from 'express';
import type { Observable } from 'rxjs';
import { bodyParserFailures, failures, refuseEmptyJson } from '@rosetta/shared-contract';
import { nodeRequest, nodeResponse } from '../platform/platform.js';
import { ProblemException } from './problem.exception.js';

/** The contract's body limit; body-parser answers anything larger with `entity.too.large` (413). */
const BODY_LIMIT = '100kb';

// Express's own JSON parser (body-parser), as Nest's Express platform would install it. It reads Node's
// request, so it serves on Fastify too, where the platform leaves the stream unread (platform/fastify.ts).
const parseJson = json({
  limit: BODY_LIMIT,
  // The media type was checked before, so parse whatever arrives.
  type: () => true,
  // Any JSON value parses: valid JSON that is not an object is the schema's to reject (422), as the
  // contract has it, rather than body-parser's "strict" 400.
  strict: false,
  verify: refuseEmptyJson,
});

/**
 * The body handling of every operation that takes one, in the contract's order: 415 for anything but
 * JSON, 413 over 100 kB, 400 for a body that is not JSON. Nest would parse every body in middleware,
 * before routing and guards; the app turns that parser off (`bodyParser: false`) and parses here
 * instead, since interceptors run after the guards: an anonymous client cannot make the server read
 * 100 kB, and a wrong path or method is still 404/405 whatever the body. `@Contract()` applies it.
 * The same parser and the same answers on both platforms.
 */
@Injectable()
export class JsonBodyInterceptor implements NestInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<{ body?: unknown }>();
    const raw = nodeRequest(req) as IncomingMessage & { body?: unknown };
    const mediaType = raw.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json') {
      throw new ProblemException(...failures.notJson);
    }
    await new Promise<void>((resolve, reject) => {
      parseJson(raw, nodeResponse(http.getResponse<object>()), (error?: unknown) =>
        error ? reject(asProblem(error)) : resolve(),
      );
    });
    // body-parser skips a request that declares no body at all (neither Content-Length nor chunked).
    if (raw.body === undefined) {
      throw new ProblemException(...failures.emptyBody);
    }
    // Where `@Body()` reads it: the same object on Express, the platform's own request on Fastify.
    req.body = raw.body;
    return next.handle();
  }
}

function asProblem(error: unknown): unknown {
  const type = (error as { type?: unknown } | null)?.type;
  const known = typeof type === 'string' ? bodyParserFailures[type] : undefined;
  return known ? new ProblemException(...known) : error;
}
