import cors from '@fastify/cors';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Domain } from '@rosetta/domain';
import { type AppDeps as RuntimeAppDeps, type Config, proxyTrust } from '@rosetta/runtime';
import { answerClientError, EXPOSED_HEADERS } from '@rosetta/shared-contract';
import { authRoutes } from './http/auth.routes.js';
import { authenticate } from './http/authenticate.js';
import { docsRoutes } from './http/docs.routes.js';
import { healthRoutes } from './http/health.routes.js';
import { metricsRoutes, recordMetrics } from './http/metrics.js';
import { errorHandler, notFound, routerError } from './http/problem.js';
import { genReqId, RequestLog, requestLogger, serializers } from './http/request-logger.js';
import { requireJson } from './http/require-json.js';
import { securityHeaders } from './http/security-headers.js';
import { tasksRoutes } from './http/tasks.routes.js';
import { usersRoutes } from './http/users.routes.js';
import { contractSchemas } from './http/validate.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The domain's services: route plugins read `fastify.domain.tasks` and the like. */
    domain: Domain;
  }
}

/** The process's pino logger is typed as Fastify's, so the app is a plain FastifyInstance. */
type AppDeps = RuntimeAppDeps<Config, FastifyBaseLogger>;

/**
 * The whole HTTP surface over a domain. It never listens: server.ts and the tests decide that. Plugins
 * load in registration order when the app starts (`ready()`, `listen()` or the first `inject()`).
 */
export function buildApp({ config, domain, logger, redis, metrics }: AppDeps): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger.child({}, { serializers }),
    genReqId,
    // One line per request, when it completes (see request-logger.ts).
    logController: new RequestLog(),
    // So that request.ip, and with it the auth rate limit, sees the client behind a trusted proxy.
    // Fastify reads a list of addresses as TRUST_PROXY means it, but a hop count otherwise; the rule as
    // a function means the same to it whichever form TRUST_PROXY takes.
    trustProxy: proxyTrust(config.trustProxy),
    // While closing, serve what still arrives on open connections (marked Connection: close) rather
    // than answer Fastify's 503, whose body is not a problem.
    return503OnClosing: false,
    frameworkErrors: routerError,
    // Fastify creates the Node server here, so the timeouts live here rather than in server.ts.
    // headersTimeout and requestTimeout cut off slow or hostile clients (slowloris); keepAliveTimeout
    // closes idle sockets; connectionsCheckingInterval makes the first two bite promptly. `http` goes to
    // http.createServer; Fastify then overwrites two of them with its own options (defaults 0 and
    // 72 s), so those two are given to Fastify as well.
    http: config.serverTimeouts,
    requestTimeout: config.serverTimeouts.requestTimeout,
    keepAliveTimeout: config.serverTimeouts.keepAliveTimeout,
    // A request Node cannot parse, or that took too long to arrive, never reaches a route: answer it as
    // a problem like every other error (Fastify's default writes its own JSON).
    clientErrorHandler: answerClientError,
  });

  // app.close() stops accepting connections and Node ends the idle ones; a request already in flight
  // would keep its keep-alive socket, and close() waiting, until keepAliveTimeout. Its response says
  // `Connection: close`, so Node ends the socket once it is sent. (Hooks reach only the routes
  // registered after them.)
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // A callback hook: an async one would cost a promise on every reply for a flag that is rarely set.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('Connection', 'close');
    done(null, payload);
  });

  // Decorated on the root instance, so every plugin sees it.
  app.decorate('domain', domain);

  if (metrics) app.register(recordMetrics, { metrics });
  app.register(requestLogger);
  app.register(securityHeaders, {
    contentSecurityPolicy: {
      // /docs is served over plain HTTP in development; upgrading its same-origin assets would break it.
      directives: { upgradeInsecureRequests: null },
    },
  });
  if (config.corsOrigins.length > 0) {
    app.register(cors, {
      origin: config.corsOrigins,
      // @fastify/cors allows only GET, HEAD and POST unless told otherwise.
      methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
      exposedHeaders: [...EXPOSED_HEADERS],
      // Answer any OPTIONS as a preflight, as the cors middleware does, rather than with a text 400.
      strictPreflight: false,
    });
  }
  app.register(contractSchemas);
  app.register(requireJson);
  app.register(authenticate);

  app.register(docsRoutes);
  app.register(healthRoutes, { prefix: '/health' });
  if (metrics) app.register(metricsRoutes, { metrics });
  app.register(authRoutes, { prefix: '/auth', rateLimit: { ...config.authRateLimit, redis } });
  app.register(usersRoutes, { prefix: '/users' });
  app.register(tasksRoutes, { prefix: '/tasks' });

  app.setNotFoundHandler(notFound);
  app.setErrorHandler(errorHandler);
  return app;
}
