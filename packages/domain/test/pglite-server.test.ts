import type { PGlite } from '@electric-sql/pglite';
import { loadPGlite, PgliteServer } from '../src/index.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('PgliteServer', () => {
  let db: PGlite;
  let server: PgliteServer;
  let pool: pg.Pool;

  beforeAll(async () => {
    const { PGlite } = await loadPGlite();
    db = await PGlite.create();
    server = new PgliteServer(db);
    pool = new pg.Pool({ connectionString: await server.listen(), max: 8 });
    await pool.query('CREATE TABLE t (id serial PRIMARY KEY, v text NOT NULL)');
  }, 60_000);

  afterAll(async () => {
    await pool.end();
    await server.close();
    await db.close();
  });

  it('serves concurrent parameterised queries from many connections without mixing them up', async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        pool.query('SELECT $1::text AS v, $2::int AS n', [`v${i}`, i]),
      ),
    );
    results.forEach((result, i) => expect(result.rows[0]).toEqual({ v: `v${i}`, n: i }));
  });

  it('keeps each transaction to its own connection, and rolls back what a client rolls back', async () => {
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query('INSERT INTO t (v) VALUES ($1)', [`tx${i}`]);
          const seen = await client.query('SELECT count(*)::int AS n FROM t WHERE v = $1', [
            `tx${i}`,
          ]);
          expect(seen.rows[0].n).toBe(1);
          await client.query(i % 2 === 0 ? 'COMMIT' : 'ROLLBACK');
        } finally {
          client.release();
        }
      }),
    );
    const { rows } = await pool.query("SELECT count(*)::int AS n FROM t WHERE v LIKE 'tx%'");
    expect(rows[0].n).toBe(10);
  });

  it('answers errors without wedging the database', async () => {
    await expect(pool.query('SELECT nope FROM t')).rejects.toThrow(/nope/);
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('rolls back the open transaction of a client that disconnects', async () => {
    const client = new pg.Client({
      connectionString: (pool.options as { connectionString: string }).connectionString,
    });
    await client.connect();
    await client.query('BEGIN');
    await client.query("INSERT INTO t (v) VALUES ('abandoned')");
    await client.end();
    const { rows } = await pool.query("SELECT count(*)::int AS n FROM t WHERE v = 'abandoned'");
    expect(rows[0].n).toBe(0);
  });
});
