import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../src/database/data-source.js';
import { runMigrations } from '../src/database/migrate.js';
import { InitialSchema1763769600000 } from '../src/database/migrations/1763769600000-initial-schema.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/index.js';
import { freshDatabase } from './support/test-database.js';

/**
 * Starting PGlite is nearly all of this file's time (8.7 s measured on a loaded 2-core machine, where
 * migrating and reading the schema back took 0.3 s), so the file starts one database, not a domain's
 * plus one of its own, and every step gets a deadline far past what it takes there.
 */
const DEADLINE_MS = 120_000;

const USER = '11111111-1111-4111-8111-111111111111';
const LIVE = '22222222-2222-4222-8222-222222222222';
const ENDED = '33333333-3333-4333-8333-333333333333';

describe('the migrations', () => {
  let url: string;
  let embedded: EmbeddedPostgres | undefined;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const db = await freshDatabase();
    drop = db.drop;
    // Without a server, an embedded database of its own, migrated the way the domain migrates. (The
    // second test's data source may connect before the first's close is seen; the server takes both.)
    embedded = db.url ? undefined : await startEmbeddedPostgres('memory://');
    url = db.url ?? embedded!.url;
  }, DEADLINE_MS);

  afterAll(async () => {
    await embedded?.stop();
    await drop?.();
  }, DEADLINE_MS);

  // One database for both, in order: the first applies the oldest migration alone, the second the rest.
  it(
    'upgrade a database signed in under the first schema without signing anyone out',
    async () => {
      const first = new DataSource({
        type: 'postgres',
        url,
        migrations: [InitialSchema1763769600000],
        poolSize: 1,
      });
      await first.initialize();
      try {
        expect(await runMigrations(first)).toEqual(['InitialSchema1763769600000']);
        // One user with two families: one live and rotated once, one revoked by a logout.
        await first.query(`
          INSERT INTO users (id, email, name, password_hash)
          VALUES ('${USER}', 'upgrade@rosetta.test', 'Upgrade', 'x');
          INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, used_at, revoked_at, created_at)
          VALUES ('${USER}', '${LIVE}', 'a', '2030-01-01Z', '2026-01-02Z', NULL, '2026-01-01Z'),
                 ('${USER}', '${LIVE}', 'b', '2030-01-02Z', NULL, NULL, '2026-01-02Z'),
                 ('${USER}', '${ENDED}', 'c', '2030-01-01Z', NULL, '2026-01-05Z', '2026-01-03Z');`);
      } finally {
        await first.destroy();
      }
    },
    DEADLINE_MS,
  );

  it(
    'produce exactly the schema the entities describe',
    async () => {
      const dataSource = createDataSource({ url, poolSize: 1 });
      await dataSource.initialize();
      try {
        expect(await runMigrations(dataSource)).toEqual(['Sessions1796169600000']);
        const pending = await dataSource.driver.createSchemaBuilder().log();
        expect(pending.upQueries.map((q) => q.query)).toEqual([]);

        // What the first test left signed in is a session now, its tokens still its own.
        const sessions: unknown[] = await dataSource.query(
          `SELECT s.id, s.created_at, s.last_used_at, s.expires_at, s.revoked_at,
                  array_agg(t.token_hash ORDER BY t.token_hash) AS tokens
             FROM sessions s JOIN refresh_tokens t ON t.session_id = s.id
            WHERE s.user_id = $1 GROUP BY s.id ORDER BY s.created_at`,
          [USER],
        );
        expect(sessions).toEqual([
          {
            id: LIVE,
            created_at: new Date('2026-01-01Z'),
            last_used_at: new Date('2026-01-02Z'),
            expires_at: new Date('2030-01-02Z'),
            revoked_at: null,
            tokens: ['a', 'b'],
          },
          {
            id: ENDED,
            created_at: new Date('2026-01-03Z'),
            last_used_at: new Date('2026-01-03Z'),
            expires_at: new Date('2030-01-01Z'),
            revoked_at: new Date('2026-01-05Z'),
            tokens: ['c'],
          },
        ]);
      } finally {
        await dataSource.destroy();
      }
    },
    DEADLINE_MS,
  );
});
