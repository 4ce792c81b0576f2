import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';

/**
 * With tracing on, names each request's SERVER span after the route that answered (`GET /tasks/:id`,
 * and `http.route`), as the other frameworks' instrumentations do for theirs. After `next()`,
 * `c.req.routeIndex` is that route; a middleware answering (method ALL) means none matched, and the
 * span keeps its plain name. The response is written after this returns, before the span ends.
 */
export function traceRoutes(nameRoute: (route: string) => void): MiddlewareHandler {
  return createMiddleware(async (c, next) => {
    await next();
    const route = matchedRoutes(c)[c.req.routeIndex];
    if (route && route.method !== 'ALL') nameRoute(route.path);
  });
}
