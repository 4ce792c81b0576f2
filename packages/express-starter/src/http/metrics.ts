import { type RequestHandler, type Response, Router } from 'express';
import type { Metrics } from '@rosetta/runtime';
import { methodNotAllowed, sendProblem } from './problem.js';

declare module 'express-serve-static-core' {
  interface Locals {
    /** When the request arrived, for its duration; set by `recordMetrics`. */
    metricsStart?: number;
  }
}

/** The parts of Express's router (the `router` package) that say where each route was mounted. */
interface RouterStack {
  stack: { rawPath?: unknown; route?: { path: string }; handle: Partial<RouterStack> }[];
}

/**
 * Every route's full template, worked out once from the router tree: a mounted router's path (always a
 * literal here) and its route's, `/tasks` + `/:id`. Not `req.baseUrl` at the end of the request: an
 * error leaving a router has already reset it to the parent's.
 */
function routeTemplates(router: RouterStack, prefix = '', into = new WeakMap<object, string>()) {
  for (const layer of router.stack) {
    if (layer.route) into.set(layer.route, prefix + layer.route.path);
    else if (layer.handle.stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      routeTemplates(layer.handle as RouterStack, prefix + mount, into);
    }
  }
  return into;
}

/**
 * Times every request, as the first middleware, under the template of the route Express matched
 * (`req.route`), which the runtime spells as the contract does (`/tasks/{id}`); no route, no template.
 * Settled on `close`, not `finish`, so a request whose client went away before its answer still
 * leaves the in-flight gauge (see `abandonRequest`). One listener for every request, reading its response as `this`: no closure per request.
 */
export function recordMetrics(metrics: Metrics): RequestHandler {
  let templates: WeakMap<object, string> | undefined;
  function recorded(this: Response) {
    const { req } = this;
    if (!this.writableFinished) {
      metrics.abandonRequest(req.method);
      return;
    }
    // Built at the first answer, when every router has been mounted.
    templates ??= routeTemplates(req.app.router as unknown as RouterStack);
    const template = req.route ? templates.get(req.route) : undefined;
    metrics.endRequest(req.method, template, this.statusCode, this.locals.metricsStart!);
  }
  return (req, res, next) => {
    res.locals.metricsStart = metrics.startRequest(req.method);
    res.once('close', recorded);
    next();
  };
}

/** `GET /metrics`, refused without the METRICS_TOKEN when the server has one. */
export function metricsRouter(metrics: Metrics): Router {
  const router = Router();
  router
    .route('/metrics')
    .get(async (req, res) => {
      const refused = metrics.authorize(req.get('Authorization'));
      if (refused) {
        sendProblem(res, ...refused);
        return;
      }
      res
        .set('Cache-Control', 'no-store')
        .type(metrics.contentType)
        .send(await metrics.render());
    })
    .all(methodNotAllowed(['GET']));
  return router;
}
