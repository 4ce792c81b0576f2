import { Hono } from 'hono';
import type { HealthService } from '@rosetta/domain';
import { failures } from '@rosetta/shared-contract';
import { problemResponse } from './problem.js';

/** `/health`: liveness (the process serves HTTP) and readiness (the database answers too). */
export function healthRoutes(health: HealthService): Hono {
  const routes = new Hono();

  routes.get('/', (c) => c.json({ status: 'ok' }));

  routes.get('/ready', async (c) => {
    if (await health.isDatabaseReady()) {
      return c.json({ status: 'ok', checks: { database: 'ok' } });
    }
    return problemResponse(c, ...failures.databaseDown, {
      checks: { database: 'unavailable' },
    });
  });

  return routes;
}
