import { MigrationExecutor, type DataSource } from 'typeorm';

// An arbitrary constant naming this app's migration lock among any other advisory locks.
const MIGRATION_LOCK_KEY = 7_265_100_431;

/**
 * Runs pending migrations in one transaction that first takes a transaction-scoped advisory lock, so
 * instances starting side by side do not race to apply the same migration: the second waits, then finds
 * nothing to do. The lock ends with the transaction, so a crashed instance cannot leave it held; and
 * Postgres DDL is transactional, so a failed migration leaves nothing half-applied.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'none';
      const applied = await executor.executePendingMigrations();
      await runner.commitTransaction();
      return applied.map((m) => m.name);
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  } finally {
    await runner.release();
  }
}
