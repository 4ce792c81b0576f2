import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../src/database/data-source.js';
import { runMigrations } from '../src/database/migrate.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/index.js';
import { freshDatabase } from './support/test-database.js';

/**
 * Starting PGlite is nearly all of this file's time (8.7 s measured on a loaded 2-core machine, where
 * migrating and reading the schema back took 0.3 s), so the file starts one database, not a domain's
 * plus one of its own, and every step gets a deadline far past what it takes there.
 */
const DEADLINE_MS = 120_000;

describe('the migrations', () => {
  let url: string;
  let embedded: EmbeddedPostgres | undefined;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const db = await freshDatabase();
    drop = db.drop;
    // Without a server, an embedded database of its own, migrated the way the domain migrates.
    embedded = db.url ? undefined : await startEmbeddedPostgres('memory://');
    url = db.url ?? embedded!.url;
  }, DEADLINE_MS);

  afterAll(async () => {
    await embedded?.stop();
    await drop?.();
  }, DEADLINE_MS);

  it(
    'produce exactly the schema the entities describe',
    async () => {
      const dataSource = createDataSource({ url, poolSize: 1 });
      await dataSource.initialize();
      try {
        expect(await runMigrations(dataSource)).not.toEqual([]);
        const pending = await dataSource.driver.createSchemaBuilder().log();
        expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      } finally {
        await dataSource.destroy();
      }
    },
    DEADLINE_MS,
  );
});
