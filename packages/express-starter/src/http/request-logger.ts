import type { IncomingMessage } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { requestId } from '@rosetta/shared-contract';

/**
 * How a request appears on its line: its id, method, URL and the address it came from. No headers, so
 * no credential can reach the line, and it costs the same whatever the client sends; to log one, add
 * it here (`userAgent: req.headers['user-agent']`), and any secret one to the logger's `redactPaths`.
 */
const serializers = {
  req: (req: IncomingMessage & { id?: unknown; originalUrl?: string }) => ({
    id: req.id,
    method: req.method,
    // Express rewrites req.url inside a router; originalUrl is what the client asked for.
    url: req.originalUrl ?? req.url,
    remoteAddress: req.socket?.remoteAddress,
  }),
  // The status is what matters; our response headers are the same on every line and would double it.
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};

/**
 * One log line per request, when it has completed, tagged with a request id that is also echoed in
 * `X-Request-Id`. A sane incoming `X-Request-Id` is reused, so a request can be followed from a proxy
 * or client into our logs. `req.log` is a child logger carrying the request, so every line a handler
 * logs carries its id.
 */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    serializers,
    // The serializers above see the raw request: pino-http's wrapping would first copy it, every
    // header included, into pino's standard shape, only for ours to throw most of it away.
    wrapSerializers: false,
    genReqId(req, res) {
      const id = requestId(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // 4xx are the client's business and part of normal traffic; only our failures are errors.
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    // The same message on every request's line; the level tells them apart.
    customErrorMessage: () => 'request completed',
  });
}
