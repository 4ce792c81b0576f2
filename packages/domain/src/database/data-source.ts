import { DataSource } from 'typeorm';
import { entities } from '../entities/index.js';
import { migrations } from './migrations/index.js';

export interface DataSourceOptions {
  url: string;
  /** Connections in the pool. */
  poolSize: number;
  /** Milliseconds a statement may run before the server cancels it (SQLSTATE 57014). Default 10 s. */
  statementTimeoutMs?: number | undefined;
}

/**
 * The TypeORM data source. `synchronize` stays off: the schema comes only from the checked-in
 * migrations, in tests too, so what is tested is what is deployed.
 */
export function createDataSource({
  url,
  poolSize,
  statementTimeoutMs = 10_000,
}: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    ...connectionOf(url),
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    poolSize,
    // Fail fast rather than hang when the database is unreachable, so requests get a prompt error.
    connectTimeoutMS: 5_000,
    extra: {
      // Bound each statement too; no request should wait on the database forever. The server cancels
      // it (a 503, see translate-errors.ts); the client's own limit, later, covers a server that
      // stopped answering altogether.
      statement_timeout: statementTimeoutMs,
      query_timeout: statementTimeoutMs + 5_000,
      idleTimeoutMillis: 10_000,
    },
  });
}

/**
 * TypeORM reads the host and port from a URL's authority only. A Unix socket, which libpq and
 * node-postgres name with a `host` query parameter (`postgres://user@localhost/db?host=/run/postgresql`,
 * as embedded PGlite's URL does), goes in as separate options instead.
 */
function connectionOf(url: string) {
  const parsed = new URL(url);
  const socketDir = parsed.searchParams.get('host');
  if (!socketDir?.startsWith('/')) return { url };
  const part = (value: string) => (value ? decodeURIComponent(value) : undefined);
  return {
    host: socketDir,
    port: Number(parsed.port || 5432),
    username: part(parsed.username),
    password: part(parsed.password),
    database: part(parsed.pathname.slice(1)),
  };
}
