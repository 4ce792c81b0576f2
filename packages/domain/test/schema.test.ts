import { describe, expect, it } from 'vitest';
import { createDataSource } from '../src/database/data-source.js';
import { startEmbeddedPostgres } from '../src/index.js';
import { useDomain } from './support/domain.js';

describe('the migrations', () => {
  const ctx = useDomain();

  it('produce exactly the schema the entities describe', async () => {
    const embedded = ctx.url ? undefined : await startEmbeddedPostgres('memory://');
    // The domain's own embedded database is private to it, so check drift on the server when there is
    // one, and otherwise on a second embedded database migrated the same way.
    const dataSource = createDataSource({ url: ctx.url ?? embedded!.url, poolSize: 1 });
    await dataSource.initialize();
    try {
      if (embedded) await dataSource.runMigrations();
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await embedded?.stop();
    }
  });
});
