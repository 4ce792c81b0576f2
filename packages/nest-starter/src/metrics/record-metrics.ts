import type { ServerResponse } from 'node:http';
import type { Metrics } from '@rosetta/runtime';
import { nodeRequest, type Platform } from '../platform/platform.js';

/**
 * Times every request. Plain middleware over the platform's request and Node's response, for the
 * reason request-logger.ts gives: an interceptor runs only once a route matched and its guards let
 * the request in, so it would miss 401s, 404s and 405s. Each platform mounts it first (platform/).
 * The route is the platform router's template (`/tasks/:id`), which the runtime spells as the
 * contract does; none for a request no route matched.
 */
export type RecordMetrics = (req: object, res: ServerResponse, next: () => void) => void;

export function recordMetrics(metrics: Metrics, platform: Platform): RecordMetrics {
  return (req, res, next) => {
    const { method = 'GET' } = nodeRequest(req);
    const start = metrics.startRequest(method);
    // 'close' follows 'finish' on every response, and comes alone when the client went away first.
    res.once('close', () => {
      if (res.writableFinished) {
        metrics.endRequest(method, platform.routeTemplate(req), res.statusCode, start);
      } else metrics.abandonRequest(method);
    });
    next();
  };
}
