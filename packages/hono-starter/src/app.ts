import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { activeTracing, type AppDeps } from '@rosetta/runtime';
import { EXPOSED_HEADERS } from '@rosetta/shared-contract';
import { authRoutes } from './http/auth.routes.js';
import { clientIp } from './http/client-ip.js';
import { authenticate } from './http/authenticate.js';
import { docsRoutes } from './http/docs.routes.js';
import { healthRoutes } from './http/health.routes.js';
import { metricsRoutes, recordMetrics } from './http/metrics.js';
import { errorHandler, methodNotAllowed, notFound, rejectUndecodablePath } from './http/problem.js';
import { authRateLimit } from './http/rate-limit.js';
import { requestLogger } from './http/request-logger.js';
import { tasksRoutes } from './http/tasks.routes.js';
import { traceRoutes } from './http/tracing.js';
import { usersRoutes } from './http/users.routes.js';

/**
 * The whole HTTP surface over a domain. It never listens: server.ts and the tests decide that. Hono
 * makes no ETags, answers no 304s and sends no X-Powered-By by itself, so there is nothing here to
 * switch off.
 */
export function buildApp({ config, domain, logger, redis, metrics }: AppDeps): Hono {
  const app = new Hono();

  // First, so the time measured covers every other middleware.
  if (metrics) app.use(recordMetrics(metrics));
  const tracing = activeTracing();
  if (tracing) app.use(traceRoutes(tracing.nameRoute));
  app.use(requestLogger(logger));
  app.use(
    secureHeaders({
      // helmet's default policy, without upgrade-insecure-requests,
      // which would break /docs (its assets are same-origin files) over plain HTTP in development.
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        fontSrc: ["'self'", 'https:', 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", 'https:', "'unsafe-inline'"],
      },
      // helmet's one year rather than Hono's default 180 days.
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    }),
  );
  if (config.corsOrigins.length > 0) {
    app.use(
      cors({
        origin: config.corsOrigins,
        // The methods the cors package allows by default, rather than Hono's list with QUERY.
        allowMethods: ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'],
        exposeHeaders: [...EXPOSED_HEADERS],
      }),
    );
  }
  app.use(rejectUndecodablePath);
  app.use(methodNotAllowed(app));

  const auth = authenticate(domain.auth);
  app.route('/', docsRoutes());
  app.route('/health', healthRoutes(domain.health));
  if (metrics) app.route('/metrics', metricsRoutes(metrics));
  app.route(
    '/auth',
    authRoutes(
      domain.auth,
      authRateLimit(config.authRateLimit, config.trustProxy, redis),
      auth,
      clientIp(config.trustProxy),
    ),
  );
  app.route('/users', usersRoutes(domain.users, auth));
  app.route('/tasks', tasksRoutes(domain.tasks, auth));

  app.notFound(notFound);
  app.onError(errorHandler);
  return app;
}
