import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '@rosetta/domain';
import { envSchema, loadConfig, loadConfigOrExit } from '../src/index.js';

const secret = 's'.repeat(32);

describe('loadConfig', () => {
  // loadConfig compiles it with validateSchema off, to start faster; the meta-schema check is here.
  it('reads the environment with a valid JSON Schema 2020-12', () => {
    const metaAjv = new Ajv2020({ strict: false });
    expect(metaAjv.validateSchema(envSchema), metaAjv.errorsText()).toBe(true);
  });

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
      serverTimeouts: {
        headersTimeout: 10_000,
        requestTimeout: 30_000,
        keepAliveTimeout: 65_000,
        connectionsCheckingInterval: 2_500,
      },
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

  it('measures JWT_SECRET in bytes, as a key is: 32 at least', () => {
    // 16 characters of two bytes each is a 256-bit key; 31 one-byte characters is not.
    expect(loadConfig({ JWT_SECRET: 'é'.repeat(16) }).jwtSecret).toBe('é'.repeat(16));
    expect(() => loadConfig({ JWT_SECRET: 'é'.repeat(15) + 'a' })).toThrow(
      /JWT_SECRET must be at least 32 bytes/,
    );
    expect(() => loadConfig({ JWT_SECRET: 's'.repeat(31) })).toThrow(/at least 32 bytes/);
  });

  it('serves no metrics unless METRICS_ENABLED, and reads METRICS_TOKEN', () => {
    expect(loadConfig({}).metrics).toEqual({ enabled: false, token: undefined });
    const token = 'scrape-token-0123456789';
    expect(loadConfig({ METRICS_ENABLED: 'true', METRICS_TOKEN: token }).metrics).toEqual({
      enabled: true,
      token,
    });
    expect(loadConfig({ METRICS_ENABLED: 'false' }).metrics.enabled).toBe(false);
  });

  it('lists bad metrics settings with every other problem', () => {
    const problems = (() => {
      try {
        loadConfig({ PORT: 'eighty', METRICS_ENABLED: 'yes', METRICS_TOKEN: 'short' });
      } catch (e) {
        return (e as ConfigError).problems;
      }
    })();
    expect(problems?.map((p) => p.split(' ')[0]).sort()).toEqual([
      'METRICS_ENABLED',
      'METRICS_TOKEN',
      'PORT',
    ]);
    // One that could not be sent in an Authorization header as it is.
    expect(() => loadConfig({ METRICS_TOKEN: 'has a space in it, sixteen+' })).toThrow(
      /METRICS_TOKEN/,
    );
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

  it('refuses TRUST_PROXY=true, with which any client picks its own address', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true believes every/);
  });

  it('accepts a TRUST_PROXY list of names, addresses and CIDR ranges, and lists a bad entry with the other problems', () => {
    const list = 'loopback, 10.0.0.0/8, 2001:db8::/32, 192.0.2.7';
    expect(loadConfig({ TRUST_PROXY: list }).trustProxy).toBe(list);
    for (const bad of ['lopback', '10.0.0.0/33', '::1/129', '10.0.0.0/8/8', '10.0.0.0/x', 'on']) {
      expect(() => loadConfig({ TRUST_PROXY: `loopback,${bad}` }), bad).toThrow(
        `TRUST_PROXY: "${bad}" is not`,
      );
    }
    expect(problemsOf({ TRUST_PROXY: 'lopback', PORT: 'eighty' }).sort()).toEqual([
      'PORT must be integer',
      'TRUST_PROXY: "lopback" is not a hop count, an IP address, a CIDR range, loopback, linklocal or uniquelocal',
    ]);
  });

  it('keeps the rate limits within what the RateLimit and Retry-After headers of the contract can say', () => {
    let error: unknown;
    try {
      loadConfig({
        AUTH_RATE_LIMIT_MAX: '2147483648',
        AUTH_RATE_LIMIT_WINDOW_SECONDS: '86401',
        ACCOUNT_RATE_LIMIT_MAX: '2147483648',
        ACCOUNT_RATE_LIMIT_WINDOW_SECONDS: '86401',
      });
    } catch (e) {
      error = e;
    }
    if (!(error instanceof ConfigError)) throw new Error('expected a ConfigError');
    expect(error.problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'ACCOUNT_RATE_LIMIT_MAX',
      'ACCOUNT_RATE_LIMIT_WINDOW_SECONDS',
      'AUTH_RATE_LIMIT_MAX',
      'AUTH_RATE_LIMIT_WINDOW_SECONDS',
    ]);
    expect(loadConfig({ AUTH_RATE_LIMIT_MAX: '2147483647' }).authRateLimit.max).toBe(2147483647);
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

  describe('server timeouts', () => {
    it('reads the three timeouts and checks for expiry at a quarter of the shortest', () => {
      expect(
        loadConfig({
          HTTP_HEADERS_TIMEOUT_MS: '2000',
          HTTP_REQUEST_TIMEOUT_MS: '4000',
          HTTP_KEEP_ALIVE_TIMEOUT_MS: '5000',
        }).serverTimeouts,
      ).toEqual({
        headersTimeout: 2_000,
        requestTimeout: 4_000,
        keepAliveTimeout: 5_000,
        connectionsCheckingInterval: 500,
      });
    });

    it("keeps the checking interval between 100 ms and Node's 30 s", () => {
      const short = { HTTP_HEADERS_TIMEOUT_MS: '200' };
      expect(loadConfig(short).serverTimeouts.connectionsCheckingInterval).toBe(100);
      const long = { HTTP_HEADERS_TIMEOUT_MS: '600000', HTTP_REQUEST_TIMEOUT_MS: '600000' };
      expect(loadConfig(long).serverTimeouts.connectionsCheckingInterval).toBe(30_000);
    });

    it('refuses 0, which Node reads as no limit, and non-numbers', () => {
      const error = (() => {
        try {
          loadConfig({
            HTTP_HEADERS_TIMEOUT_MS: '0',
            HTTP_REQUEST_TIMEOUT_MS: 'soon',
            HTTP_KEEP_ALIVE_TIMEOUT_MS: '0',
          });
        } catch (e) {
          return e;
        }
      })() as ConfigError;
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.problems.map((p) => p.split(' ')[0]).sort()).toEqual([
        'HTTP_HEADERS_TIMEOUT_MS',
        'HTTP_KEEP_ALIVE_TIMEOUT_MS',
        'HTTP_REQUEST_TIMEOUT_MS',
      ]);
    });

    it('refuses a headers timeout longer than the request timeout, with every other problem', () => {
      expect(
        problemsOf({
          HTTP_HEADERS_TIMEOUT_MS: '5000',
          HTTP_REQUEST_TIMEOUT_MS: '4000',
          LOG_LEVEL: 'loud',
        }).map((p) => p.split(' ')[0]),
      ).toEqual(['LOG_LEVEL', 'HTTP_HEADERS_TIMEOUT_MS']);
      expect(() =>
        loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '4000' }),
      ).toThrow(/HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS/);
      expect(
        loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '4000', HTTP_REQUEST_TIMEOUT_MS: '4000' })
          .serverTimeouts.requestTimeout,
      ).toBe(4_000);
    });
  });
});

/** The problems loadConfig lists for `env`; fails the test if it accepts it. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

class Exit extends Error {
  constructor(readonly code: number | string | null | undefined) {
    super(`process.exit(${code})`);
  }
}

/** Runs loadConfigOrExit with process.exit and stderr intercepted. */
function attempt(
  env: Record<string, string>,
  own?: (env: Record<string, string | undefined>, problems: string[]) => object,
): { exitCode: unknown; stderr: string } {
  const exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Exit(code);
  });
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    loadConfigOrExit(env, own);
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
    const config = loadConfigOrExit({ PORT: '8080', JWT_SECRET: 'x'.repeat(32) });
    expect(config).toMatchObject({ port: 8080, jwtSecretGenerated: false });
  });

  it('exits 1 and lists every bad key on stderr', () => {
    const { exitCode, stderr } = attempt({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://nope',
      TRUST_PROXY: 'everyone',
    });
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/^Invalid configuration; fix these environment variables:\n {2}- /);
    for (const key of ['PORT', 'LOG_LEVEL', 'DATABASE_URL', 'TRUST_PROXY']) {
      expect(stderr).toContain(key);
    }
  });

  it("reads a server's own settings with the start contract, and lists its problems with the rest", () => {
    const own = (env: Record<string, string | undefined>, problems: string[]) => {
      if (env.EXTRA === 'bad') problems.push('EXTRA must not be bad');
      return { extra: env.EXTRA ?? 'default' };
    };
    expect(loadConfigOrExit({ EXTRA: 'fine', PORT: '81' }, own)).toMatchObject({
      extra: 'fine',
      port: 81,
    });
    expect(loadConfig({}, own).extra).toBe('default');
    expect(attempt({ EXTRA: 'bad' }, own)).toEqual({
      exitCode: 1,
      stderr: 'Invalid configuration; fix these environment variables:\n  - EXTRA must not be bad',
    });
    const { stderr } = attempt({ EXTRA: 'bad', PORT: 'x' }, own);
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('EXTRA must not be bad');
  });

  it('lets an error that is not about the config through', () => {
    const buggy = () => {
      throw new TypeError('a bug');
    };
    expect(() => loadConfigOrExit({}, buggy)).toThrow(TypeError);
  });
});
