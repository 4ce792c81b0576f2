import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Domain } from '@rosetta/domain';
import { type Config, createLogger, loadConfig, Metrics } from '@rosetta/runtime';
import { buildApp } from '../../src/app.js';

export const TEST_JWT_SECRET = 'fastify-starter-tests-secret-0123456789';

/** The config a test environment would load, with a test's own changes on top. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET }), ...overrides };
}

export interface TestApp {
  app: FastifyInstance;
  /** Every line the app logged, parsed. */
  logs: Record<string, unknown>[];
}

/**
 * The real app over `domain`, logging into memory so a test can read what would reach the logs. It
 * starts on the first `app.inject()`, which needs no listening server, so there is nothing to close.
 */
export function testApp(domain: Domain, config: Partial<Config> = {}, redis?: Redis): TestApp {
  const logs: Record<string, unknown>[] = [];
  const fullConfig = testConfig(config);
  const logger = createLogger(fullConfig, {
    write: (line: string) => void logs.push(JSON.parse(line)),
  });
  // As startServices makes them: only when the config enables them.
  const metrics = fullConfig.metrics.enabled
    ? new Metrics({ token: fullConfig.metrics.token, pool: () => domain.health.poolStats() })
    : undefined;
  return { app: buildApp({ config: fullConfig, domain, logger, redis, metrics }), logs };
}
