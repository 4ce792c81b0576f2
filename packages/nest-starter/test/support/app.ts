import type { Server } from 'node:http';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Redis } from 'ioredis';
import type { Domain } from '@rosetta/domain';
import { createLogger, loadConfig, Metrics } from '@rosetta/runtime';
import { appOptions, configureApp, metricsHook } from '../../src/app.js';
import { AppModule } from '../../src/app.module.js';
import { nestSettings, type NestConfig } from '../../src/config.js';
import { requestLogger } from '../../src/http/request-logger.js';
import { platformOf } from '../../src/platform/platforms.js';

export const TEST_JWT_SECRET = 'nest-starter-tests-secret-0123456789';

/**
 * The config a test environment would load, with a test's own changes on top. The platform is the
 * one NEST_ADAPTER names, so `NEST_ADAPTER=fastify npm test` runs these tests on Fastify.
 */
export function testConfig(overrides: Partial<NestConfig> = {}): NestConfig {
  const env = {
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    NEST_ADAPTER: process.env.NEST_ADAPTER,
  };
  return { ...loadConfig(env, nestSettings), ...overrides };
}

export interface TestApp {
  app: INestApplication;
  /** The app's Node server, for supertest (which listens on a free port per request). */
  server: Server;
  /** Every line the app logged, parsed. */
  logs: Record<string, unknown>[];
}

const open = new Set<INestApplication>();

/**
 * The real app over `domain`, built through Nest's testing module and logging into memory so a test
 * can read what would reach the logs. `override` may replace providers before compiling, e.g.
 * `(m) => m.overrideProvider(TASKS_SERVICE).useValue(fake)`. With `redis`, the rate limit counts in
 * it, and closing the app closes it.
 */
export async function testApp(
  domain: Domain,
  config: Partial<NestConfig> = {},
  override: (module: TestingModuleBuilder) => TestingModuleBuilder = (module) => module,
  redis?: Redis,
): Promise<TestApp> {
  const logs: Record<string, unknown>[] = [];
  const fullConfig = testConfig(config);
  const logger = createLogger(fullConfig, {
    write: (line: string) => void logs.push(JSON.parse(line)),
  });
  // As startServices makes them: only when the config enables them.
  const metrics = fullConfig.metrics.enabled
    ? new Metrics({ token: fullConfig.metrics.token, pool: () => domain.health.poolStats() })
    : undefined;
  const deps = { config: fullConfig, domain, logger, redis, metrics };
  const moduleRef = await override(
    Test.createTestingModule({ imports: [AppModule.forRoot(deps)] }),
  ).compile();
  const app = moduleRef.createNestApplication(
    platformOf(fullConfig.platform).adapter(fullConfig, requestLogger(logger), metricsHook(deps)),
    appOptions,
  );
  open.add(app);
  await configureApp(app, deps);
  // Fastify serves its server's requests only once it is ready, which listen() makes it in server.ts;
  // supertest uses the server without that. (Express serves as soon as routes are mounted.)
  if (fullConfig.platform === 'fastify') {
    await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
  }
  return { app, server: app.getHttpServer() as Server, logs };
}

/** Closes every app this test file made (test/support/setup.ts runs it after each file). */
export async function closeTestApps(): Promise<void> {
  await Promise.all([...open].map((app) => app.close()));
  open.clear();
}
