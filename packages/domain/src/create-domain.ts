import type { DataSource } from 'typeorm';
import { DefaultAuthService } from './auth/auth.service.js';
import { AccountAttempts } from './auth/attempts.js';
import { AccessTokens } from './auth/tokens.js';
import { createDataSource } from './database/data-source.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './database/embedded-postgres.js';
import { runMigrations } from './database/migrate.js';
import { poolStats } from './database/pool-stats.js';
import { Statements } from './database/statements.js';
import { translateDatabaseErrors } from './database/translate-errors.js';
import { DefaultTasksService } from './tasks/tasks.service.js';
import type { Domain, DomainConfig, HealthService } from './types.js';
import { DefaultUsersService } from './users/users.service.js';

const READINESS_TIMEOUT_MS = 2_000;
const DAY_SECONDS = 24 * 3600;

/**
 * Opens the database (a PostgreSQL server, or embedded PGlite when no URL is given), applies pending
 * migrations, ensures the admin account, and returns the services. A starter calls this once at start.
 */
export async function createDomain(config: DomainConfig): Promise<Domain> {
  const log = config.logger;
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  if (url) {
    log?.info(`Using PostgreSQL at ${describeUrl(url)}`);
  } else {
    const dataDir = config.embeddedDataDir ?? '.data/pglite';
    embedded = await startEmbeddedPostgres(dataDir);
    url = embedded.url;
    log?.info(`No DATABASE_URL set: using embedded PostgreSQL (PGlite) with data in ${dataDir}`);
  }

  // Embedded PGlite is one session, whatever the number of connections: every connection would see
  // the statements another PREPAREd by name, and the DEALLOCATE ALL a new one starts with (see
  // Statements.open) would drop them under the others. PGlite also runs on this process's one thread,
  // so more connections would add no parallelism, only a second queue. Hence a pool of one.
  const dataSource = createDataSource({
    url,
    poolSize: embedded ? 1 : (config.poolSize ?? 10),
    statementTimeoutMs: config.statementTimeoutMs,
  });
  try {
    await dataSource.initialize();
    const applied = await runMigrations(dataSource);
    if (applied.length > 0) log?.info(`Applied migrations: ${applied.join(', ')}`);

    const sql = await Statements.open(dataSource, {
      embedded: embedded !== undefined,
      logger: log,
    });
    const accessTokens = new AccessTokens(config.jwtSecret, config.accessTokenTtlSeconds ?? 900);
    const attempts = new AccountAttempts(
      config.accountRateLimit ?? { max: 10, windowSeconds: 900 },
      config.redis,
    );
    const auth = new DefaultAuthService(dataSource, sql, accessTokens, attempts, {
      refreshTokenTtlSeconds: config.refreshTokenTtlSeconds ?? 30 * DAY_SECONDS,
      sessionMaxAgeSeconds: config.sessionMaxAgeSeconds ?? 90 * DAY_SECONDS,
    });
    if (config.admin) await auth.ensureAdmin(config.admin, log);

    let closed: Promise<void> | undefined;
    // An unreachable database is a ServiceUnavailableError from every service method, never a bug.
    return {
      auth: translateDatabaseErrors(auth),
      users: translateDatabaseErrors(new DefaultUsersService(dataSource, sql, attempts)),
      tasks: translateDatabaseErrors(new DefaultTasksService(sql)),
      health: databaseHealth(dataSource),
      // Logged so that an operator (and the graceful-shutdown check) can see the pool was closed,
      // not merely dropped when the process ended.
      close: () =>
        (closed ??= shutdown(dataSource, embedded).then(() => log?.info('database closed'))),
    };
  } catch (error) {
    await shutdown(dataSource, embedded);
    throw error;
  }
}

function databaseHealth(dataSource: DataSource): HealthService {
  return {
    async isDatabaseReady() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), READINESS_TIMEOUT_MS);
      });
      const probe = dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      );
      try {
        return await Promise.race([probe, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    poolStats: () => poolStats(dataSource),
  };
}

async function shutdown(
  dataSource: DataSource,
  embedded: EmbeddedPostgres | undefined,
): Promise<void> {
  if (dataSource.isInitialized) await dataSource.destroy();
  await embedded?.stop();
}

/** host:port/database only: a URL can carry a password, which must never reach a log. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
