import { describe, expect, it } from 'vitest';
import { createDataSource } from '../src/database/data-source.js';
import { Statements } from '../src/database/statements.js';
import { startEmbeddedPostgres } from '../src/index.js';

describe('prepared statements', () => {
  it('still run on embedded PGlite after the pool reconnects to the same session', async () => {
    // PGlite keeps one backend session for every socket, so statements a closed pool prepared are
    // still there when a new pool (or a reconnected client) prepares them under the same names. (Two
    // connection slots: pglite-socket frees a slot a moment after its client has left, and each pool
    // here connects as soon as the last one is gone.)
    const embedded = await startEmbeddedPostgres('memory://', 2);
    try {
      for (const round of [1, 2, 3]) {
        const dataSource = createDataSource({ url: embedded.url, poolSize: 1 });
        await dataSource.initialize();
        try {
          const sql = await Statements.open(dataSource, { embedded: true });
          const rows = await sql.rows<{ round: number }>('SELECT $1::integer AS round', [round]);
          expect(rows).toEqual([{ round }]);
        } finally {
          await dataSource.destroy();
        }
      }
    } finally {
      await embedded.stop();
    }
  }, 120_000);

  it('names each distinct text once, and send the same text again under its name', async () => {
    const embedded = await startEmbeddedPostgres('memory://');
    const dataSource = createDataSource({ url: embedded.url, poolSize: 1 });
    await dataSource.initialize();
    try {
      const sql = await Statements.open(dataSource, { embedded: true });
      await sql.rows('SELECT $1::text AS a', ['x']);
      await sql.rows('SELECT $1::text AS a', ['y']);
      await sql.rows('SELECT $1::text AS b', ['z']);
      const prepared = await dataSource.query(
        'SELECT name, statement FROM pg_prepared_statements ORDER BY name',
      );
      expect(prepared).toEqual([
        { name: 'rosetta_1', statement: 'SELECT $1::text AS a' },
        { name: 'rosetta_2', statement: 'SELECT $1::text AS b' },
      ]);
    } finally {
      await dataSource.destroy();
      await embedded.stop();
    }
  }, 120_000);
});
