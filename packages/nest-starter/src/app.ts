import type { NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import type { Redis } from 'ioredis';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import type { Config, Domain } from '@rosetta/domain';
import { AppModule } from './app.module.js';
import { requestLogger } from './http/request-logger.js';

export interface AppDeps {
  config: Config;
  domain: Domain;
  logger: Logger;
  /** Shared rate-limit counters (REDIS_URL); without it they are kept in memory. AuthModule closes it. */
  redis?: Redis | undefined;
}

/**
 * The options every instance of this app is created with, by buildApp and by the tests' testing
 * module. Nest's own body parser is off: bodies are parsed per operation, after the guards
 * (JsonBodyInterceptor). Logs are buffered until the pino logger takes over.
 */
export const appOptions: NestApplicationOptions = { bodyParser: false, bufferLogs: true };

/** The whole HTTP surface over a domain, initialised. It never listens: server.ts and the tests decide that. */
export async function buildApp(deps: AppDeps): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(deps),
    new ExpressAdapter(),
    // Throw a wiring error to the caller, rather than print it and abort the process.
    { ...appOptions, abortOnError: false },
  );
  return configureApp(app, deps);
}

/**
 * What Nest's modules cannot express: the Express platform's settings and the middleware that runs
 * before any route. Also applied by the tests to an app made from Nest's testing module.
 */
export async function configureApp(
  app: NestExpressApplication,
  { config, logger }: AppDeps,
): Promise<NestExpressApplication> {
  // Nest's own log lines (start-up, route map, its errors) through the same pino instance.
  app.useLogger(app.get(NestPinoLogger));
  // Tasks carry their version as an ETag, set by hand; hashes of other bodies would promise nothing.
  app.set('etag', false);
  // So that req.ip, and with it the auth rate limit, sees the client behind a trusted proxy.
  app.set('trust proxy', config.trustProxy);
  // res.send() answers 304 by itself whenever req.fresh holds, and `If-None-Match: *` makes it hold on
  // any route. Conditional requests are the tasks controller's job alone, so Express's never fire.
  const express = app.getHttpAdapter().getInstance();
  Object.defineProperty(express.request, 'fresh', { configurable: true, get: () => false });

  // Middleware mounted here runs in this order, before Nest's own middleware and routes.
  app.use(requestLogger(logger));
  // Nest's built-in security headers are helmet 8's (and drop X-Powered-By), on every adapter.
  app.useSecurityHeaders({
    // /docs is served over plain HTTP in development; upgrading its same-origin assets would break it.
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id'],
    });
  }
  return app.init();
}
