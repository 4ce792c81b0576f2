import { Hono, type MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import type { Metrics } from '@rosetta/runtime';
import { problemResponse } from './problem.js';

/**
 * Times every request, as the first middleware. After `next()`, `c.req.routeIndex` is the route that
 * answered: a handler's path is its template (`/tasks/:id`), which the runtime spells as the contract
 * does; a middleware (`app.use`, method ALL) answering means no route matched (a 404, or the 405
 * that `methodNotAllowed` makes of one). Hono's compose hands errors to `onError` rather than
 * rejecting here, so every request that starts also ends.
 */
export function recordMetrics(metrics: Metrics): MiddlewareHandler {
  return createMiddleware(async (c, next) => {
    const start = metrics.startRequest(c.req.method);
    await next();
    const route = matchedRoutes(c)[c.req.routeIndex];
    const template = route && route.method !== 'ALL' ? route.path : undefined;
    metrics.endRequest(c.req.method, template, c.res.status, start);
  });
}

/** `GET /metrics`, refused without the METRICS_TOKEN when the server has one. */
export function metricsRoutes(metrics: Metrics): Hono {
  const routes = new Hono();

  routes.get('/', async (c) => {
    const refused = metrics.authorize(c.req.header('Authorization'));
    if (refused) return problemResponse(c, ...refused);
    return c.body(await metrics.render(), 200, {
      'Content-Type': metrics.contentType,
      'Cache-Control': 'no-store',
    });
  });

  return routes;
}
