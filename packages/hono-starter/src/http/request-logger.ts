import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { RequestIdVariables } from 'hono/request-id';
import type { Logger } from 'pino';

// A caller's id is kept only if it is short and plain, so it cannot forge log lines or bloat them.
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * One log line per request, tagged with a request id that is also echoed in `X-Request-Id`. A sane
 * incoming `X-Request-Id` is reused, so a request can be followed from a proxy or client into our logs.
 *
 * Hono's own `logger()` prints plain text, not one JSON object per line, so this is pino in a
 * middleware (the line has the fields pino-http writes in the Express starter). Hono's `requestId()`
 * keeps any id of word characters, `-` and `=`, and consults its generator only for ids it rejects,
 * so it cannot express this rule (dots yes, `=` no); the id is set here instead, under the same
 * `requestId` variable, for anything that reads `c.var.requestId`.
 */
export function requestLogger(
  logger: Logger,
): MiddlewareHandler<{ Variables: RequestIdVariables }> {
  return createMiddleware<{ Variables: RequestIdVariables }>(async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('X-Request-Id');
    const id = incoming !== undefined && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set('requestId', id);

    await next();

    // After next(), so it is on every response, whichever middleware or handler made it.
    c.header('X-Request-Id', id);
    const { pathname, search } = new URL(c.req.url);
    const line = {
      req: {
        id,
        method: c.req.method,
        url: pathname + search,
        headers: Object.fromEntries(c.req.raw.headers),
      },
      res: { statusCode: c.res.status },
      responseTime: Math.round(performance.now() - started),
    };
    // 4xx are the client's business and part of normal traffic; only our failures are errors, and
    // Hono keeps what a handler threw as `c.error` for exactly this.
    if (c.res.status >= 500) {
      const err = c.error;
      logger.error({ ...line, err }, err ? 'request errored' : 'request completed');
    } else {
      logger.info(line, 'request completed');
    }
  });
}
