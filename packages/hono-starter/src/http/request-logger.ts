import type { HttpBindings } from '@hono/node-server';
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { RequestIdVariables } from 'hono/request-id';
import type { Logger } from 'pino';
import { requestId } from '@rosetta/shared-contract';

type Env = { Bindings: HttpBindings; Variables: RequestIdVariables };

/**
 * One log line per request, when it has completed, tagged with a request id that is also echoed in
 * `X-Request-Id`. A sane incoming `X-Request-Id` is reused, so a request can be followed from a proxy
 * or client into our logs.
 *
 * Hono's own `logger()` prints plain text, not one JSON object per line, so this is pino in a
 * middleware, writing one JSON line per request. Hono's `requestId()` keeps any id of word
 * characters, `-` and `=`, and consults its generator only for ids it rejects, so it cannot express
 * this rule (dots yes, `=` no); the id is set here instead, under the same `requestId` variable, for
 * anything that reads `c.var.requestId`.
 */
export function requestLogger(logger: Logger): MiddlewareHandler<Env> {
  return createMiddleware<Env>(async (c, next) => {
    const started = performance.now();
    const id = requestId(c.req.header('X-Request-Id'));
    c.set('requestId', id);
    // Before next(), so that Hono puts it on whatever response is made, errors and 404s included. Set
    // after, on a response already made, it would make Hono copy that response, body and all.
    c.header('X-Request-Id', id);

    await next();

    const { url } = c.req;
    const line = {
      req: {
        id,
        method: c.req.method,
        // The request target as the client sent it (path and query): Request.url is absolute.
        url: url.slice(url.indexOf('/', url.indexOf('//') + 2)),
        // No socket when the app is called in process (app.request() in the tests).
        remoteAddress: c.env?.incoming?.socket.remoteAddress,
      },
      res: { statusCode: c.res.status },
      responseTime: performance.now() - started,
    };
    // 4xx are the client's business and part of normal traffic; only our failures are errors, and
    // Hono keeps what a handler threw as `c.error` for exactly this.
    if (c.res.status >= 500) {
      logger.error({ ...line, err: c.error }, 'request completed');
    } else {
      logger.info(line, 'request completed');
    }
  });
}
