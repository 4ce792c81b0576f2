import type { Hono } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import type { Redis } from 'ioredis';
import type { Domain } from '@rosetta/domain';
import { type Config, createLogger, loadConfig, Metrics } from '@rosetta/runtime';
import { buildApp } from '../../src/app.js';

export const TEST_JWT_SECRET = 'hono-starter-tests-secret-0123456789';

/** The config a test environment would load, with a test's own changes on top. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET }), ...overrides };
}

export interface TestApp {
  app: Hono;
  /** Every line the app logged, parsed. */
  logs: Record<string, unknown>[];
}

/**
 * The real app over `domain`, logging into memory so a test can read what would reach the logs, with
 * metrics when `config.metrics` enables them.
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

/**
 * The third argument of `app.request()`: the bindings @hono/node-server would pass as `c.env`. There
 * is no socket in process, so requests to the rate-limited routes (which read the peer's address)
 * say they come from loopback, as supertest's would.
 */
export const fromLoopback = {
  incoming: { socket: { remoteAddress: '127.0.0.1' } },
} as unknown as HttpBindings;

/** A RequestInit with a JSON body, plus any headers. */
export function json(method: string, body: unknown, headers: Record<string, string> = {}) {
  return {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/** `Authorization: Bearer <token>`. */
export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}
