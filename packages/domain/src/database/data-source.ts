import { DataSource } from 'typeorm';
import { entities } from '../entities/index.js';
import { migrations } from './migrations/index.js';

export interface DataSourceOptions {
  url: string;
  /** Connections in the pool. */
  poolSize: number;
}

/**
 * The TypeORM data source. `synchronize` stays off: the schema comes only from the checked-in
 * migrations, in tests too, so what is tested is what is deployed.
 */
export function createDataSource({ url, poolSize }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    poolSize,
    // Fail fast rather than hang when the database is unreachable, so requests get a prompt error.
    connectTimeoutMS: 5_000,
    extra: {
      // Bound each statement too; no request should wait on the database forever.
      statement_timeout: 10_000,
      query_timeout: 15_000,
      idleTimeoutMillis: 10_000,
    },
  });
}
