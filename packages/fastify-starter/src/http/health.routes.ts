import type { FastifyPluginAsync } from 'fastify';
import { failures } from '@rosetta/shared-contract';
import { sendProblem } from './problem.js';
import { routeSchema } from './validate.js';

/** `/health`: liveness (the process serves HTTP) and readiness (the database answers too). */
export const healthRoutes: FastifyPluginAsync = async (fastify) => {
  const { health } = fastify.domain;

  fastify.get('/', { schema: routeSchema('getHealth') }, async () => ({ status: 'ok' }));

  fastify.get('/ready', { schema: routeSchema('getReadiness') }, async (_request, reply) => {
    if (await health.isDatabaseReady()) {
      return { status: 'ok', checks: { database: 'ok' } };
    }
    return sendProblem(reply, ...failures.databaseDown, {
      checks: { database: 'unavailable' },
    });
  });
};
