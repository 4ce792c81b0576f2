import { Router } from 'express';
import type { HealthService } from '@rosetta/domain';
import { failures } from '@rosetta/shared-contract';
import { methodNotAllowed, sendProblem } from './problem.js';

/** `/health`: liveness (the process serves HTTP) and readiness (the database answers too). */
export function healthRouter(health: HealthService): Router {
  const router = Router();

  router
    .route('/')
    .get((_req, res) => {
      res.json({ status: 'ok' });
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/ready')
    .get(async (_req, res) => {
      if (await health.isDatabaseReady()) {
        res.json({ status: 'ok', checks: { database: 'ok' } });
        return;
      }
      sendProblem(res, ...failures.databaseDown, { checks: { database: 'unavailable' } });
    })
    .all(methodNotAllowed(['GET']));

  return router;
}
