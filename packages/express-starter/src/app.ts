import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { AppDeps } from '@rosetta/runtime';
import { EXPOSED_HEADERS } from '@rosetta/shared-contract';
import { authRouter } from './http/auth.routes.js';
import { authenticate } from './http/authenticate.js';
import { docsRouter } from './http/docs.routes.js';
import { healthRouter } from './http/health.routes.js';
import { metricsRouter, recordMetrics } from './http/metrics.js';
import { errorHandler, notFound } from './http/problem.js';
import { authRateLimit } from './http/rate-limit.js';
import { requestLogger } from './http/request-logger.js';
import { tasksRouter } from './http/tasks.routes.js';
import { usersRouter } from './http/users.routes.js';

/** The whole HTTP surface over a domain. It never listens: server.ts and the tests decide that. */
export function buildApp({ config, domain, logger, redis, metrics }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Tasks carry their version as an ETag, set by hand; hashes of other bodies would promise nothing.
  app.set('etag', false);
  // So that req.ip, and with it the auth rate limit, sees the client behind a trusted proxy.
  app.set('trust proxy', config.trustProxy);
  // res.send() answers 304 by itself whenever req.fresh holds, and `If-None-Match: *` makes it hold on
  // any route. Conditional requests are the tasks router's job alone, so Express's never fire.
  Object.defineProperty(app.request, 'fresh', { configurable: true, get: () => false });

  // First, so the time measured covers every other middleware.
  if (metrics) app.use(recordMetrics(metrics));
  app.use(requestLogger(logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        // /docs is served over plain HTTP in development; upgrading its same-origin assets would break it.
        directives: { upgradeInsecureRequests: null },
      },
    }),
  );
  if (config.corsOrigins.length > 0) {
    app.use(
      cors({
        origin: config.corsOrigins,
        exposedHeaders: [...EXPOSED_HEADERS],
      }),
    );
  }

  const auth = authenticate(domain.auth);
  app.use(docsRouter());
  app.use('/health', healthRouter(domain.health));
  if (metrics) app.use(metricsRouter(metrics));
  app.use(
    '/auth',
    authRouter(domain.auth, authRateLimit(config.authRateLimit, logger, redis), auth),
  );
  app.use('/users', usersRouter(domain.users, auth));
  app.use('/tasks', tasksRouter(domain.tasks, auth));

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
