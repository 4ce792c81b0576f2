import { randomUUID } from 'node:crypto';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';

// A caller's id is kept only if it is short and plain, so it cannot forge log lines or bloat them.
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * One log line per request, when it has completed, tagged with a request id that is also echoed in
 * `X-Request-Id`. A sane incoming `X-Request-Id` is reused, so a request can be followed from a proxy
 * or client into our logs. `req.log` is a child logger carrying the request, so every line a handler
 * logs carries its id. The line's `req` and `res` are shaped by the logger's serializers (logger.ts).
 */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    // The logger's own serializers see the raw request: pino-http's wrapping would first copy it,
    // every header included, into pino's standard shape, only for ours to throw most of it away.
    wrapSerializers: false,
    genReqId(req, res) {
      const incoming = req.headers['x-request-id'];
      const id =
        typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // 4xx are the client's business and part of normal traffic; only our failures are errors.
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    // The same message on every request's line, as in the other starters; the level tells them apart.
    customErrorMessage: () => 'request completed',
  });
}
