import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { connectRedis, createDomain, type Domain } from '@rosetta/domain';
import { type Config, type OwnSettings, loadConfigOrExit } from './config.js';
import { createLogger, flushed } from './logger.js';
import { Metrics } from './metrics.js';
import { activeTracing } from './tracing.js';

/** What a server's app is built from, whatever its framework. */
export interface Services<C extends Config = Config> {
  config: C;
  logger: Logger;
  /** The shared store for rate limits, when REDIS_URL is set. */
  redis: Redis | undefined;
  domain: Domain;
  /** The Prometheus metrics, when METRICS_ENABLED; undefined, a server measures and serves nothing. */
  metrics: Metrics | undefined;
  /** Closes the database and Redis; once, however often it is called. */
  close(): Promise<void>;
  /** Logs `error` as fatal, closes what is open, and exits 1: for a server that cannot start. */
  exit(error: unknown, message: string): Promise<never>;
}

/**
 * What an app is built from: the services `startServices` made, or a test's stand-ins. A framework
 * whose logger or config has a type of its own passes it.
 */
export interface AppDeps<C extends Config = Config, L = Logger> {
  config: C;
  domain: Domain;
  logger: L;
  /** Shared rate-limit counters (REDIS_URL); without it they are kept in memory. */
  redis?: Redis | undefined;
  /** Set when METRICS_ENABLED; without it nothing is measured and /metrics is a 404. */
  metrics?: Metrics | undefined;
}

/**
 * Start-up up to the HTTP server: the config (or exit 1 listing every bad key), the logger, Redis, then
 * the database with its migrations (or exit 1). A server with settings of its own passes `own`, read
 * with the start contract (see `loadConfig`).
 */
export async function startServices(env: Record<string, string | undefined>): Promise<Services>;
export async function startServices<T extends object>(
  env: Record<string, string | undefined>,
  own: OwnSettings<T>,
): Promise<Services<Config & T>>;
export async function startServices(
  env: Record<string, string | undefined>,
  own?: OwnSettings<object>,
): Promise<Services> {
  const config = loadConfigOrExit(env, own);
  const logger = createLogger(config);
  if (activeTracing()) logger.info('tracing on: exporting spans over OTLP (OTEL_EXPORTER_OTLP_*)');
  if (config.jwtSecretGenerated) {
    logger.warn(
      'JWT_SECRET is not set: signing tokens with a random secret, so they stop working on restart',
    );
  }

  // Before the domain, which counts sign-in attempts per account in it too.
  const redis = config.redisUrl
    ? await connectRedis(config.redisUrl, logger.child({ component: 'redis' }))
    : undefined;
  // quit() waits for replies still due; with Redis down there are none to wait for.
  const closeRedis = async () => void (await redis?.quit().catch(() => redis.disconnect()));

  const domain = await createDomain({
    databaseUrl: config.databaseUrl,
    poolSize: config.databasePoolSize,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
    embeddedDataDir: config.pgliteDataDir,
    jwtSecret: config.jwtSecret,
    sessionMaxAgeSeconds: config.sessionMaxAgeSeconds,
    accountRateLimit: config.accountRateLimit,
    redis,
    admin: config.admin,
    logger: logger.child({ component: 'domain' }),
  }).catch(async (error: unknown) => {
    logger.fatal({ err: error }, 'could not open and prepare the database');
    await closeRedis();
    return exitFlushed(logger);
  });

  const metrics = config.metrics.enabled
    ? new Metrics({ token: config.metrics.token, pool: () => domain.health.poolStats() })
    : undefined;
  if (metrics && config.metrics.token === undefined) {
    logger.warn(
      'METRICS_ENABLED without METRICS_TOKEN: GET /metrics is open to anyone who reaches it',
    );
  }

  let closed: Promise<void> | undefined;
  // The spans still queued go out last, those of the requests the drain let finish among them.
  const close = () =>
    (closed ??= domain
      .close()
      .then(closeRedis)
      .then(() => activeTracing()?.shutdown()));
  return {
    config,
    logger,
    redis,
    domain,
    metrics,
    close,
    async exit(error, message) {
      logger.fatal({ err: error }, message);
      await close();
      return exitFlushed(logger);
    },
  };
}

/** Exits 1 once the log lines still queued (the logger writes asynchronously) are out. */
async function exitFlushed(logger: Logger): Promise<never> {
  await flushed(logger);
  process.exit(1);
}

/**
 * The URL a server listening at `address` answers on, as its "listening on" line says it: an IPv6
 * host in brackets, and the port it was given (PORT=0 picks a free one).
 */
export function listeningUrl(host: string, address: AddressInfo | string | null): string {
  const port = typeof address === 'object' && address ? address.port : '';
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
