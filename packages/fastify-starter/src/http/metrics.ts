import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Metrics } from '@rosetta/runtime';
import { sendProblem } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** When the request arrived; -1 once it has been recorded. */
    metricsStart: number;
  }
}

/**
 * Times every request. Wrapped with fastify-plugin so the hooks reach every route, and registered
 * first, so the time covers every other hook; callback hooks, since an async one costs a promise per
 * request. The route is the template Fastify matched (`routeOptions.url`, `/tasks/:id`), which the
 * runtime spells as the contract does; a 404 or 405 matched none.
 */
const recordPlugin: FastifyPluginAsync<{ metrics: Metrics }> = async (fastify, { metrics }) => {
  fastify.decorateRequest('metricsStart', -1);

  // A client that goes away before its answer gets no onResponse, but must still leave the in-flight
  // gauge; whichever of the two hooks comes first settles the request.
  fastify.addHook('onRequest', (request, _reply, done) => {
    request.metricsStart = metrics.startRequest(request.method);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    if (request.metricsStart >= 0) {
      const { method, routeOptions, metricsStart } = request;
      metrics.endRequest(method, routeOptions.url, reply.statusCode, metricsStart);
      request.metricsStart = -1;
    }
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    if (request.metricsStart >= 0) metrics.abandonRequest(request.method);
    request.metricsStart = -1;
    done();
  });
};

export const recordMetrics = fp(recordPlugin, { name: 'record-metrics' });

/** `GET /metrics`, refused without the METRICS_TOKEN when the server has one. */
export const metricsRoutes: FastifyPluginAsync<{ metrics: Metrics }> = async (
  fastify,
  { metrics },
) => {
  fastify.get('/metrics', async (request, reply) => {
    const refused = metrics.authorize(request.headers.authorization);
    if (refused) return sendProblem(reply, ...refused);
    return reply
      .headers({ 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' })
      .send(await metrics.render());
  });
};
