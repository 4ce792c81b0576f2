import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, DiscoveryModule } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { AppDeps as RuntimeAppDeps } from '@rosetta/runtime';
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
export type AppDeps = RuntimeAppDeps<NestConfig>;

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
