import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_PLATFORM, loadConfigOrExit } from '../src/config.js';

class Exit extends Error {
  constructor(readonly code: number | string | null | undefined) {
    super(`process.exit(${code})`);
  }
}

/** Runs loadConfigOrExit with process.exit and stderr intercepted. */
function attempt(env: Record<string, string>): { exitCode: unknown; stderr: string } {
  const exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Exit(code);
  });
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    loadConfigOrExit(env);
    return { exitCode: undefined, stderr: '' };
  } catch (e) {
    if (!(e instanceof Exit)) throw e;
    return { exitCode: e.code, stderr: error.mock.calls.map((args) => args.join(' ')).join('\n') };
  } finally {
    exit.mockRestore();
    error.mockRestore();
  }
}

describe('loadConfigOrExit', () => {
  it('returns the typed config for a valid environment', () => {
    const config = loadConfigOrExit({
      PORT: '8080',
      JWT_SECRET: 'x'.repeat(32),
      CORS_ORIGINS: 'https://a.test',
    });
    expect(config).toMatchObject({
      port: 8080,
      corsOrigins: ['https://a.test'],
      jwtSecretGenerated: false,
    });
  });

  it('exits 1 and lists every bad key on stderr', () => {
    const { exitCode, stderr } = attempt({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://nope',
      AUTH_RATE_LIMIT_MAX: '0',
    });
    expect(exitCode).toBe(1);
    for (const key of ['PORT', 'LOG_LEVEL', 'DATABASE_URL', 'AUTH_RATE_LIMIT_MAX']) {
      expect(stderr).toContain(key);
    }
  });

  it('reads NEST_ADAPTER, DEFAULT_PLATFORM without it, and lists a bad one with the others', () => {
    expect(loadConfigOrExit({}).platform).toBe(DEFAULT_PLATFORM);
    expect(loadConfigOrExit({ NEST_ADAPTER: 'fastify' }).platform).toBe('fastify');
    const { exitCode, stderr } = attempt({ NEST_ADAPTER: 'koa', PORT: 'eighty' });
    expect(exitCode).toBe(1);
    expect(stderr).toContain('NEST_ADAPTER must be one of express, fastify (got "koa")');
    expect(stderr).toContain('PORT');
  });

  it('requires JWT_SECRET in production', () => {
    const { exitCode, stderr } = attempt({ NODE_ENV: 'production' });
    expect(exitCode).toBe(1);
    expect(stderr).toContain('JWT_SECRET');
  });

  it('accepts production once JWT_SECRET is set', () => {
    const { exitCode } = attempt({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(32) });
    expect(exitCode).toBeUndefined();
  });
});
