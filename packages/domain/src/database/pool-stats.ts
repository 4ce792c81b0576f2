import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import type { PoolStats } from '../types.js';

/** The part of node-postgres's pool (pg-pool) that counts its connections. */
interface CountingPool {
  options: { max: number };
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * Reads the pool TypeORM opened for the data source. TypeORM has no API for it, so this reaches its
 * driver's `master` pool, as statements.ts does; before `initialize()` or after `destroy()` there is
 * no pool, and every count is 0.
 */
export function poolStats(dataSource: DataSource): PoolStats {
  const pool = (dataSource.driver as PostgresDriver).master as CountingPool | undefined;
  if (!pool) return { max: 0, total: 0, idle: 0, pending: 0 };
  return {
    max: pool.options.max,
    total: pool.totalCount,
    idle: pool.idleCount,
    pending: pool.waitingCount,
  };
}
