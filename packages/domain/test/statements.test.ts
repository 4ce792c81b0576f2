import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createDataSource } from '../src/database/data-source.js';
import { Statements } from '../src/database/statements.js';
import { startEmbeddedPostgres } from '../src/index.js';

describe('prepared statements', () => {
  it('still run on embedded PGlite after the pool reconnects to the same session', async () => {
    // PGlite keeps one backend session for every socket, so statements a closed pool prepared are
    // still there when a new pool (or a reconnected client) prepares them under the same names.
    const embedded = await startEmbeddedPostgres('memory://');
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

  it('names each distinct text once, after its hash, and sends the same text again under its name', async () => {
    const embedded = await startEmbeddedPostgres('memory://');
    const dataSource = createDataSource({ url: embedded.url, poolSize: 1 });
    await dataSource.initialize();
    try {
      const sql = await Statements.open(dataSource, { embedded: true });
      await sql.rows('SELECT $1::text AS a', ['x']);
      await sql.rows('SELECT $1::text AS a', ['y']);
      await sql.rows('SELECT $1::text AS b', ['z']);
      const prepared = await dataSource.query<{ name: string; statement: string }[]>(
        'SELECT name, statement FROM pg_prepared_statements ORDER BY statement',
      );
      expect(prepared.map((p) => p.statement)).toEqual([
        'SELECT $1::text AS a',
        'SELECT $1::text AS b',
      ]);
      for (const { name } of prepared) expect(name).toMatch(/^rosetta_[0-9a-f]{32}$/);
    } finally {
      await dataSource.destroy();
      await embedded.stop();
    }
  }, 120_000);

  it("takes the values out of a failed statement's error, keeping its SQLSTATE", async () => {
    const embedded = await startEmbeddedPostgres('memory://');
    const dataSource = createDataSource({ url: embedded.url, poolSize: 1 });
    await dataSource.initialize();
    try {
      const sql = await Statements.open(dataSource, { embedded: true });
      // The server quotes the value it could not read: "invalid input syntax for type uuid: "…"".
      const error = await sql
        .rows('SELECT $1::uuid AS id', ['alice@example.com'])
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: '22P02' });
      expect(inspect(error, { depth: 10 })).not.toContain('alice@example.com');
      expect((error as Error).message).toContain('"[redacted]"');
    } finally {
      await dataSource.destroy();
      await embedded.stop();
    }
  }, 120_000);

  it('runs unprepared, with one warning, once it finds a session it does not have to itself', async () => {
    // As behind a transaction-mode pooler: a second pool reaches the session the first one used, and
    // finds the statement it is about to prepare already there under the same name (42P05). Without
    // the DEALLOCATE that embedded mode does, so the conflict happens.
    const embedded = await startEmbeddedPostgres('memory://');
    const warnings: string[] = [];
    const logger = { info: () => {}, warn: (message: string) => warnings.push(message) };
    try {
      for (let pools = 0; pools < 2; pools++) {
        const dataSource = createDataSource({ url: embedded.url, poolSize: 1 });
        await dataSource.initialize();
        try {
          const sql = await Statements.open(dataSource, { embedded: false, logger });
          for (const n of [1, 2]) {
            expect(await sql.rows('SELECT $1::integer AS n', [n])).toEqual([{ n }]);
          }
        } finally {
          await dataSource.destroy();
        }
      }
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/shares sessions between connections/);
    } finally {
      await embedded.stop();
    }
  }, 120_000);
});
