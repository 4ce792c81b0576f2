import { randomUUID } from 'node:crypto';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';

// A caller's id is kept only if it is short and plain, so it cannot forge log lines or bloat them.
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * One log line per request, tagged with a request id that is also echoed in `X-Request-Id`. A sane
 * incoming `X-Request-Id` is reused, so a request can be followed from a proxy or client into our logs.
 * `req.log` is then a child logger carrying that id.
 */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId(req, res) {
      const incoming = req.headers['x-request-id'];
      const id =
        typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // The status is what matters; our response headers are the same on every line and would double it.
    serializers: { res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }) },
    // 4xx are the client's business and part of normal traffic; only our failures are errors.
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
  });
}
