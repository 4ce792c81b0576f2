import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import { EXPOSED_HEADERS } from '@rosetta/shared-contract';
import { type AppDeps, AppModule } from './app.module.js';
import { requestLogger } from './http/request-logger.js';
import { recordMetrics } from './metrics/record-metrics.js';
import { platformOf } from './platform/platforms.js';

/**
 * The options every instance of this app is created with, by buildApp and by the tests' testing
 * module. Nest's own body parser is off: bodies are parsed per operation, after the guards
 * (JsonBodyInterceptor). Logs are buffered until the pino logger takes over.
 */
export const appOptions: NestApplicationOptions = { bodyParser: false, bufferLogs: true };

/**
 * The whole HTTP surface over a domain, initialised, on the platform `config.platform` names. It never
 * listens: server.ts and the tests decide that.
 */
export async function buildApp(deps: AppDeps): Promise<INestApplication> {
  const app = await NestFactory.create(
    AppModule.forRoot(deps),
    platformOf(deps.config.platform).adapter(
      deps.config,
      requestLogger(deps.logger),
      metricsHook(deps),
    ),
    // Throw a wiring error to the caller, rather than print it and abort the process.
    { ...appOptions, abortOnError: false },
  );
  return configureApp(app, deps);
}

/**
 * What Nest's modules cannot express: the platform's settings and the middleware that runs before any
 * route. Also applied by the tests to an app made from Nest's testing module.
 */
export async function configureApp<App extends INestApplication>(
  app: App,
  deps: AppDeps,
): Promise<App> {
  const { config, logger } = deps;
  platformOf(config.platform).configure(app, config, requestLogger(logger), metricsHook(deps));
  // Nest's own log lines (start-up, route map, its errors) through the same pino instance.
  app.useLogger(app.get(NestPinoLogger));

  // Nest's built-in security headers are helmet 8's (and drop X-Powered-By), on every adapter.
  app.useSecurityHeaders({
    // /docs is served over plain HTTP in development; upgrading its same-origin assets would break it.
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      // Spelled out: @fastify/cors allows only GET, HEAD and POST unless told otherwise.
      methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
      exposedHeaders: [...EXPOSED_HEADERS],
      // Any OPTIONS is a preflight, as the cors middleware has it, not @fastify/cors's text 400.
      strictPreflight: false,
    });
  }
  return app.init();
}

/** The request timer each platform mounts first, when METRICS_ENABLED (the tests' app too). */
export function metricsHook({ config, metrics }: AppDeps) {
  return metrics && recordMetrics(metrics, platformOf(config.platform));
}
