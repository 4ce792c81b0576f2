import { Ajv2020 } from 'ajv/dist/2020.js';
import type { FromSchema } from 'json-schema-to-ts';
import { ConfigError } from '@rosetta/domain';
import { addContractFormats } from '@rosetta/shared-contract';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.js';

/**
 * The start contract of every server: the environment variables it reads and their rules. One schema,
 * so no framework can accept what another rejects; the TypeScript types below are derived from it.
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
    // Off unless asked for: nothing is measured or served, and /metrics is a 404 like any other path.
    METRICS_ENABLED: { type: 'boolean', default: false },
    // Long enough that guessing it over HTTP is hopeless; unset, /metrics is open to whoever reaches it.
    // Visible ASCII only, so it fits in an Authorization header as it is.
    METRICS_TOKEN: { type: 'string', minLength: 16, pattern: '^[!-~]+$' },
  },
  dependentRequired: { ADMIN_EMAIL: ['ADMIN_PASSWORD'], ADMIN_PASSWORD: ['ADMIN_EMAIL'] },
  // Outside development a real secret is mandatory: a guessable one forges any account, and a random
  // one would sign everyone out at every restart.
  if: { required: ['NODE_ENV'], properties: { NODE_ENV: { not: { const: 'development' } } } },
  then: { properties: { JWT_SECRET: { type: 'string' } }, required: ['JWT_SECRET'] },
} as const;

/** The environment once checked: every key with a default is present, the rest may not be. */
type Env = FromSchema<{ type: 'object'; properties: (typeof envSchema)['properties'] }>;

/** What a server reads from its environment, checked and named for use. */
export type Config = ReturnType<typeof fromEnv>;

/** The Node HTTP server's timeouts, under node:http's own option names, in milliseconds. */
export type ServerTimeouts = Config['serverTimeouts'];

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
const validate = ajv.compile<Env>(envSchema);

type Environment = Record<string, string | undefined>;

/**
 * Settings of a server's own, beyond the start contract: read from the same environment, with any
 * problem pushed onto `problems`, so a bad deployment hears of every bad key in one go.
 */
export type OwnSettings<T extends object> = (env: Environment, problems: string[]) => T;

/**
 * Reads and checks the start contract from an environment (normally `process.env`), and the server's
 * `own` settings if it has any; throws a ConfigError listing every problem in both.
 */
export function loadConfig(env: Environment): Config;
export function loadConfig<T extends object>(env: Environment, own: OwnSettings<T>): Config & T;
export function loadConfig(env: Environment, own?: OwnSettings<object>): Config {
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
  const trustProxy = parseTrustProxy(String(input.TRUST_PROXY ?? 'false'));
  if ('problem' in trustProxy) problems.push(trustProxy.problem);
  // Node refuses to start a server whose headers may take longer than the whole request.
  if (Number(input.HTTP_HEADERS_TIMEOUT_MS) > Number(input.HTTP_REQUEST_TIMEOUT_MS)) {
    problems.push(
      'HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS (headers are part of the request)',
    );
  }
  const settings = own?.(env, problems);
  if (problems.length > 0 || 'problem' in trustProxy) throw new ConfigError(problems);
  return { ...fromEnv(input as Env, trustProxy.value), ...settings };
}

/** The checked environment under the names code uses. */
function fromEnv(v: Env, trustProxy: TrustProxy) {
  return {
    env: v.NODE_ENV,
    host: v.HOST,
    port: v.PORT,
    /** A PostgreSQL URL; unset, embedded PGlite with data in `pgliteDataDir`. */
    databaseUrl: v.DATABASE_URL,
    /** Pool size for DATABASE_URL; a PostgreSQL reached through a single-connection proxy needs 1. */
    databasePoolSize: v.DATABASE_POOL_SIZE,
    /** How long one statement may run before the server cancels it and the request gets a 503. */
    databaseStatementTimeoutMs: v.DATABASE_STATEMENT_TIMEOUT_MS,
    pgliteDataDir: v.PGLITE_DATA_DIR,
    /** Where the rate limits keep their counters, shared by every instance; unset, in memory. */
    redisUrl: v.REDIS_URL,
    jwtSecret: v.JWT_SECRET ?? randomSecret(),
    /** True when no JWT_SECRET was given and a throwaway one was made (development only). */
    jwtSecretGenerated: v.JWT_SECRET === undefined,
    admin:
      v.ADMIN_EMAIL && v.ADMIN_PASSWORD
        ? { email: v.ADMIN_EMAIL, password: v.ADMIN_PASSWORD }
        : undefined,
    logLevel: v.LOG_LEVEL,
    /** Origins allowed by CORS; empty means cross-origin browsers are refused. */
    corsOrigins: v.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    /** Never `true` (trust every hop): see trust-proxy.ts. */
    trustProxy,
    /** Seconds from sign-in after which a session ends, however often it is refreshed. */
    sessionMaxAgeSeconds: v.SESSION_MAX_AGE_SECONDS,
    authRateLimit: { max: v.AUTH_RATE_LIMIT_MAX, windowSeconds: v.AUTH_RATE_LIMIT_WINDOW_SECONDS },
    /** Sign-in and password-change attempts per account, from any client (the domain counts them). */
    accountRateLimit: {
      max: v.ACCOUNT_RATE_LIMIT_MAX,
      windowSeconds: v.ACCOUNT_RATE_LIMIT_WINDOW_SECONDS,
    },
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS,
    /**
     * `GET /metrics` in the Prometheus format when `enabled`. With a `token`, a scrape must send it as
     * `Authorization: Bearer <token>`; without one, anyone who can reach the port can read the metrics
     * (route names, traffic, pool use), so leave it unset only where the port is private.
     */
    metrics: { enabled: v.METRICS_ENABLED, token: v.METRICS_TOKEN },
    /**
     * Under node:http's own option names, so a server hands them to `createServer` (or its
     * framework's equivalent) as they are. A client must send its headers within `headersTimeout`
     * (slowloris), its whole request within `requestTimeout`; an idle keep-alive socket stays open
     * `keepAliveTimeout`. Node looks for requests past those every `connectionsCheckingInterval`; its
     * default, 30 s, would let a slow client outlive a 10 s headersTimeout by up to 30 s, so it is a
     * quarter of the shorter timeout (at least 100 ms, at most Node's 30 s).
     */
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

function randomSecret(): string {
  return crypto
    .getRandomValues(new Uint8Array(32))
    .reduce((s, b) => s + b.toString(16).padStart(2, '0'), '');
}

/**
 * {@link loadConfig}, or stop the process. A bad deployment should fail at once and say everything that
 * is wrong, not boot and fail on the first request that needs the bad key. This runs before a logger
 * exists (the log level is itself config), so it writes to stderr directly.
 */
export function loadConfigOrExit(env: Environment): Config;
export function loadConfigOrExit<T extends object>(
  env: Environment,
  own: OwnSettings<T> | undefined,
): Config & T;
export function loadConfigOrExit(env: Environment, own?: OwnSettings<object>): Config {
  try {
    return own ? loadConfig(env, own) : loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error('Invalid configuration; fix these environment variables:');
    for (const problem of error.problems) console.error(`  - ${problem}`);
    process.exit(1);
  }
}
