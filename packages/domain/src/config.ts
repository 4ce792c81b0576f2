import { Ajv2020 } from 'ajv/dist/2020.js';
import { addContractFormats } from '@rosetta/shared-contract';

/**
 * The start contract every starter shares: the environment variables it reads and their rules. One
 * schema, so no starter can accept what another rejects; each starter's own `src/config.ts` calls
 * {@link loadConfig} and decides how to report failure in its framework's way.
 */
export const envSchema = {
  type: 'object',
  properties: {
    NODE_ENV: { enum: ['development', 'production', 'test'], default: 'development' },
    HOST: { type: 'string', minLength: 1, default: '127.0.0.1' },
    PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000 },
    DATABASE_URL: { type: 'string', pattern: '^postgres(ql)?://' },
    DATABASE_POOL_SIZE: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
    // No request should wait on the database for ever; one that would is answered 503 instead.
    DATABASE_STATEMENT_TIMEOUT_MS: { type: 'integer', minimum: 1, default: 10000 },
    REDIS_URL: { type: 'string', pattern: '^rediss?://' },
    PGLITE_DATA_DIR: { type: 'string', minLength: 1, default: '.data/pglite' },
    JWT_SECRET: { type: 'string' },
    ADMIN_EMAIL: { type: 'string', format: 'email' },
    ADMIN_PASSWORD: { type: 'string', minLength: 8, maxLength: 128 },
    LOG_LEVEL: {
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      default: 'info',
    },
    CORS_ORIGINS: { type: 'string', default: '' },
    TRUST_PROXY: { type: 'string', default: 'false' },
    // 90 days: a session used every day still ends, and its owner signs in again.
    SESSION_MAX_AGE_SECONDS: { type: 'integer', minimum: 1, default: 7776000 },
    // Bounded as the contract's RateLimit-* and Retry-After headers are: counts an int32, windows a day.
    AUTH_RATE_LIMIT_MAX: { type: 'integer', minimum: 1, maximum: 2147483647, default: 10 },
    AUTH_RATE_LIMIT_WINDOW_SECONDS: { type: 'integer', minimum: 1, maximum: 86400, default: 60 },
    // Per account, whatever the client: 10 attempts in 15 minutes is 40 an hour, within ASVS 2.2.1's
    // "no more than 100 failed attempts per hour" on one account.
    ACCOUNT_RATE_LIMIT_MAX: { type: 'integer', minimum: 1, maximum: 2147483647, default: 10 },
    ACCOUNT_RATE_LIMIT_WINDOW_SECONDS: {
      type: 'integer',
      minimum: 1,
      maximum: 86400,
      default: 900,
    },
    SHUTDOWN_TIMEOUT_MS: { type: 'integer', minimum: 0, default: 10000 },
    // Bodies are at most 100 kB and nothing streams, so a request that takes long is a slow or hostile
    // client (slowloris): headers and the whole request are bounded well below Node's 60 s and 300 s.
    // Idle keep-alive sockets outlive the 60 s idle timeout of common load balancers, so the balancer
    // closes first and never sends a request down a socket we are closing (a 502). Node reads 0 as
    // "no limit", which is what these exist to prevent, so 0 is refused.
    HTTP_HEADERS_TIMEOUT_MS: { type: 'integer', minimum: 1, default: 10000 },
    HTTP_REQUEST_TIMEOUT_MS: { type: 'integer', minimum: 1, default: 30000 },
    HTTP_KEEP_ALIVE_TIMEOUT_MS: { type: 'integer', minimum: 1, default: 65000 },
  },
  dependentRequired: { ADMIN_EMAIL: ['ADMIN_PASSWORD'], ADMIN_PASSWORD: ['ADMIN_EMAIL'] },
  // Outside development a real secret is mandatory: a guessable one forges any account, and a random
  // one would sign everyone out at every restart.
  if: { required: ['NODE_ENV'], properties: { NODE_ENV: { not: { const: 'development' } } } },
  then: { properties: { JWT_SECRET: { type: 'string' } }, required: ['JWT_SECRET'] },
} as const;

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  databaseUrl: string | undefined;
  /** Pool size for DATABASE_URL; a PostgreSQL reached through a single-connection proxy needs 1. */
  databasePoolSize: number;
  /** How long one statement may run before the server cancels it and the request gets a 503. */
  databaseStatementTimeoutMs: number;
  pgliteDataDir: string;
  /** Where the auth rate limit keeps its counters, shared by every instance; unset keeps them in memory. */
  redisUrl: string | undefined;
  jwtSecret: string;
  /** True when no JWT_SECRET was given and a throwaway one was made (development only). */
  jwtSecretGenerated: boolean;
  admin: { email: string; password: string } | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Origins allowed by CORS; empty means cross-origin browsers are refused. */
  corsOrigins: string[];
  /**
   * Express-style trust-proxy value: false, a hop count, or address/range names such as `loopback`.
   * Never `true` (trust every hop): config validation refuses it.
   */
  trustProxy: false | number | string;
  /** Seconds from sign-in after which a session ends, however often it is refreshed. */
  sessionMaxAgeSeconds: number;
  authRateLimit: { max: number; windowSeconds: number };
  /** Sign-in and password-change attempts per account, from any client (see `AccountAttempts`). */
  accountRateLimit: { max: number; windowSeconds: number };
  shutdownTimeoutMs: number;
  /**
   * The Node HTTP server's timeouts, under node:http's own option names so that a starter can hand
   * them to `createServer` (or its framework's equivalent) as they are. All in milliseconds.
   */
  serverTimeouts: ServerTimeouts;
}

export interface ServerTimeouts {
  /** A client must send its complete request headers within this (slowloris). */
  headersTimeout: number;
  /** ...and its whole request, body included, within this. Never less than headersTimeout. */
  requestTimeout: number;
  /** How long an idle keep-alive socket stays open between requests. */
  keepAliveTimeout: number;
  /**
   * How often Node looks for requests past headersTimeout or requestTimeout. Node's default, 30 s,
   * would let a slow client outlive a 10 s headersTimeout by up to 30 s, so it is derived from the
   * shorter timeout: a quarter of it (at least 100 ms, at most Node's 30 s), so a timeout bites within
   * a quarter of its length.
   */
  connectionsCheckingInterval: number;
}

/** Every bad key at once, so a misconfigured deployment is fixed in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// validateSchema off, as in the contract's options: the meta-schema check runs in test/config.test.ts
// rather than at every start.
const ajv = addContractFormats(
  new Ajv2020({
    allErrors: true,
    strict: true,
    coerceTypes: true,
    useDefaults: true,
    validateSchema: false,
  }),
);
const validate = ajv.compile<Record<string, unknown>>(envSchema);

/** Reads and checks the start contract from an environment (normally `process.env`). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const known = Object.keys(envSchema.properties);
  // Empty strings count as unset, as they do in .env files and most shells' `VAR=` lines.
  const input: Record<string, unknown> = Object.fromEntries(
    known.filter((key) => env[key] !== undefined && env[key] !== '').map((key) => [key, env[key]]),
  );
  const problems = validate(input)
    ? []
    : (validate.errors ?? [])
        .filter((e) => e.keyword !== 'if')
        .map((e) => {
          const key =
            e.instancePath.slice(1) ||
            String(e.params.missingProperty ?? e.params.property ?? '(environment)');
          const message =
            e.keyword === 'required' ? 'is required unless NODE_ENV=development' : e.message;
          return `${key} ${message}`;
        });
  // In bytes, not characters: an HS256 key needs at least 256 bits (RFC 7518 §3.2).
  if (typeof input.JWT_SECRET === 'string' && Buffer.byteLength(input.JWT_SECRET) < 32) {
    problems.push('JWT_SECRET must be at least 32 bytes (e.g. openssl rand -hex 32)');
  }
  if (input.TRUST_PROXY === 'true') {
    problems.push(
      'TRUST_PROXY=true believes every X-Forwarded-For hop, so any client picks its own address (and ' +
        'rate-limit bucket): give the number of proxies in front instead (e.g. 1), or their ' +
        'addresses (e.g. loopback, 10.0.0.0/8)',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  // Node refuses to start a server whose headers may take longer than the whole request.
  if (Number(input.HTTP_HEADERS_TIMEOUT_MS) > Number(input.HTTP_REQUEST_TIMEOUT_MS)) {
    throw new ConfigError([
      'HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS (headers are part of the request)',
    ]);
  }
  const v = input as {
    NODE_ENV: Config['env'];
    HOST: string;
    PORT: number;
    DATABASE_URL?: string;
    DATABASE_POOL_SIZE: number;
    DATABASE_STATEMENT_TIMEOUT_MS: number;
    PGLITE_DATA_DIR: string;
    REDIS_URL?: string;
    JWT_SECRET?: string;
    ADMIN_EMAIL?: string;
    ADMIN_PASSWORD?: string;
    LOG_LEVEL: Config['logLevel'];
    CORS_ORIGINS: string;
    TRUST_PROXY: string;
    SESSION_MAX_AGE_SECONDS: number;
    AUTH_RATE_LIMIT_MAX: number;
    AUTH_RATE_LIMIT_WINDOW_SECONDS: number;
    ACCOUNT_RATE_LIMIT_MAX: number;
    ACCOUNT_RATE_LIMIT_WINDOW_SECONDS: number;
    SHUTDOWN_TIMEOUT_MS: number;
    HTTP_HEADERS_TIMEOUT_MS: number;
    HTTP_REQUEST_TIMEOUT_MS: number;
    HTTP_KEEP_ALIVE_TIMEOUT_MS: number;
  };
  return {
    env: v.NODE_ENV,
    host: v.HOST,
    port: v.PORT,
    databaseUrl: v.DATABASE_URL,
    databasePoolSize: v.DATABASE_POOL_SIZE,
    databaseStatementTimeoutMs: v.DATABASE_STATEMENT_TIMEOUT_MS,
    pgliteDataDir: v.PGLITE_DATA_DIR,
    redisUrl: v.REDIS_URL,
    jwtSecret: v.JWT_SECRET ?? randomSecret(),
    jwtSecretGenerated: v.JWT_SECRET === undefined,
    admin:
      v.ADMIN_EMAIL && v.ADMIN_PASSWORD
        ? { email: v.ADMIN_EMAIL, password: v.ADMIN_PASSWORD }
        : undefined,
    logLevel: v.LOG_LEVEL,
    corsOrigins: v.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    trustProxy: parseTrustProxy(v.TRUST_PROXY),
    sessionMaxAgeSeconds: v.SESSION_MAX_AGE_SECONDS,
    authRateLimit: { max: v.AUTH_RATE_LIMIT_MAX, windowSeconds: v.AUTH_RATE_LIMIT_WINDOW_SECONDS },
    accountRateLimit: {
      max: v.ACCOUNT_RATE_LIMIT_MAX,
      windowSeconds: v.ACCOUNT_RATE_LIMIT_WINDOW_SECONDS,
    },
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS,
    serverTimeouts: {
      headersTimeout: v.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeout: v.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeout: v.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      connectionsCheckingInterval: Math.min(
        30_000,
        Math.max(100, Math.floor(v.HTTP_HEADERS_TIMEOUT_MS / 4)),
      ),
    },
  };
}

function parseTrustProxy(value: string): false | number | string {
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

function randomSecret(): string {
  return crypto
    .getRandomValues(new Uint8Array(32))
    .reduce((s, b) => s + b.toString(16).padStart(2, '0'), '');
}
