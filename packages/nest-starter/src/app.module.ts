import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, DiscoveryModule } from '@nestjs/core';
import type { Redis } from 'ioredis';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import type { Domain } from '@rosetta/domain';
import type { Metrics } from '@rosetta/runtime';
import { AuthModule } from './auth/auth.module.js';
import type { NestConfig } from './config.js';
import { DocsModule } from './docs/docs.module.js';
import { DomainModule } from './domain.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { ProblemFilter } from './http/problem.filter.js';
import { RouteTable } from './http/route-table.js';
import { PlatformModule } from './platform/platform.module.js';
import { platformOf } from './platform/platforms.js';
import { TasksModule } from './tasks/tasks.module.js';
import { UsersModule } from './users/users.module.js';

/** What the app is made of: made before Nest starts, by server.ts (`startServices`) or by a test. */
export interface AppDeps {
  config: NestConfig;
  domain: Domain;
  logger: Logger;
  /** Shared rate-limit counters (REDIS_URL); without it they are kept in memory. AuthModule closes it. */
  redis?: Redis | undefined;
  /** Set when METRICS_ENABLED; without it nothing is measured and /metrics is a 404. */
  metrics?: Metrics | undefined;
}

/**
 * The root module: the domain as providers, the logger, one module per feature, and the app-wide
 * exception filter. A dynamic module, because what it wires (config, domain, logger) is made before
 * Nest starts, by server.ts or by a test.
 */
@Module({})
export class AppModule {
  static forRoot({ config, domain, logger, redis, metrics }: AppDeps): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(platformOf(config.platform)),
        DomainModule.forRoot(domain),
        // nestjs-pino gives Nest's own Logger (app.useLogger) and PinoLogger this pino instance. Its
        // per-request middleware is off (`forRoutes: []`): requests are logged by request-logger.ts,
        // which app.ts mounts first, so that even responses that never reach Nest are logged, and
        // binding a request logger to every request's async context cost time for lines no request
        // writes. (Nest's log lines made during a request therefore carry no request id.)
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true, forRoutes: [] }),
        DiscoveryModule,
        DocsModule,
        HealthModule,
        ...(metrics ? [MetricsModule.forRoot(metrics)] : []),
        AuthModule.forRoot(config.authRateLimit, redis),
        UsersModule,
        TasksModule,
      ],
      providers: [RouteTable, { provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
