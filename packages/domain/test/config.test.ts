import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/index.js';

const secret = 's'.repeat(32);

describe('loadConfig', () => {
  it('applies defaults for a bare development environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: undefined,
      jwtSecretGenerated: true,
      corsOrigins: [],
      trustProxy: false,
      authRateLimit: { max: 10, windowSeconds: 60 },
    });
    expect(config.jwtSecret).toHaveLength(64);
  });

  it('reports every bad key at once', () => {
    const error = (() => {
      try {
        loadConfig({
          PORT: 'eighty',
          LOG_LEVEL: 'loud',
          JWT_SECRET: 'short',
          ADMIN_EMAIL: 'root@example.com',
        });
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    const keys = error.problems.map((p) => p.split(' ')[0]);
    expect(keys.sort()).toEqual(['ADMIN_PASSWORD', 'JWT_SECRET', 'LOG_LEVEL', 'PORT']);
  });

  it('requires JWT_SECRET outside development', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
    expect(() => loadConfig({ NODE_ENV: 'test' })).toThrow(/JWT_SECRET is required/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret }).jwtSecretGenerated).toBe(
      false,
    );
    expect(loadConfig({ NODE_ENV: 'development' }).jwtSecretGenerated).toBe(true);
  });

  it('parses lists, numbers and trust-proxy forms', () => {
    const config = loadConfig({
      PORT: '8080',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      TRUST_PROXY: 'loopback',
      DATABASE_URL: 'postgres://db.internal/app',
    });
    expect(config).toMatchObject({
      port: 8080,
      corsOrigins: ['https://a.example', 'https://b.example'],
      trustProxy: 'loopback',
      databaseUrl: 'postgres://db.internal/app',
    });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });

  it('accepts a redis:// or rediss:// REDIS_URL and rejects any other', () => {
    expect(loadConfig({}).redisUrl).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379/2' }).redisUrl).toBe(
      'redis://127.0.0.1:6379/2',
    );
    expect(loadConfig({ REDIS_URL: 'rediss://cache.internal:6380' }).redisUrl).toBe(
      'rediss://cache.internal:6380',
    );
    expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL/);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
    });
  });
});
