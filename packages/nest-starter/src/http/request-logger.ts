import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { requestId } from '@rosetta/shared-contract';

declare module 'http' {
  interface ServerResponse {
    /** The error a 5xx answers, set by ProblemFilter, for the request's log line. */
    err?: Error | undefined;
  }
}

/**
 * One log line per request, when its response has gone (or its connection closed first), tagged with
 * a request id that is also echoed in `X-Request-Id`. A sane incoming `X-Request-Id` is reused, so a
 * request can be followed from a proxy or client into our logs. Below 500 the line is `info`; a 5xx,
 * or a response cut short by an error, is `error`, with the error (`res.err`, set by ProblemFilter).
 *
 * The line logs no headers, so no credential can reach it, and costs the same whatever the client
 * sends; to log one, add it to `line` below (and any secret one to the runtime's `redactPaths`). This
 * is plain middleware rather than pino-http, which builds two child loggers and serializes every
 * request's headers whether or not anything is logged: under load it cost more than Nest. It reads and
 * writes only Node's own request and response, so each platform mounts it first in its own way
 * (platform/): Express as the first middleware, Fastify as its first `onRequest` hook.
 */
export type RequestLogger = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export function requestLogger(logger: Logger): RequestLogger {
  return (req: IncomingMessage & { originalUrl?: string }, res, next) => {
    const start = performance.now();
    const id = requestId(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', id);
    // 'close' follows 'finish' on every response, and comes alone when the client went away first.
    res.once('close', () => {
      const line = {
        req: {
          id,
          method: req.method,
          url: req.originalUrl ?? req.url,
          remoteAddress: req.socket.remoteAddress,
        },
        res: { statusCode: res.statusCode },
        responseTime: performance.now() - start,
      };
      if (res.err || res.statusCode >= 500) {
        logger.error({ ...line, err: res.err }, 'request completed');
      } else logger.info(line, 'request completed');
    });
    next();
  };
}
