import type * as http from 'node:http';
import { request } from 'node:http';
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { databaseName, openDatabaseServer, resolveDbKind } from './database.js';

// Watched, not replaced: whether the Docker probe sends a request is what "at once" means below.
vi.mock('node:http', async (importOriginal) => {
  const actual = await importOriginal<typeof http>();
  return { ...actual, request: vi.fn(actual.request) };
});

describe('databaseName', () => {
  it('is rosetta_<label>_<random>, safe to put in SQL, and unique', () => {
    const name = databaseName('Express Starter; DROP');
    expect(name).toMatch(/^rosetta_express_starter_drop_[0-9a-f]{8}$/);
    expect(databaseName('x')).not.toBe(databaseName('x'));
  });
});

describe('resolveDbKind', () => {
  it('keeps an explicit choice', async () => {
    expect(await resolveDbKind('pglite', { TEST_DATABASE_URL: 'postgres://x' })).toBe('pglite');
  });

  it('prefers a PostgreSQL server named in TEST_DATABASE_URL or DATABASE_URL', async () => {
    expect(await resolveDbKind('auto', { TEST_DATABASE_URL: 'postgres://x' })).toBe('postgres');
    expect(await resolveDbKind('auto', { DATABASE_URL: 'postgres://x' })).toBe('postgres');
  });

  it('falls back to PGlite at once when no Docker socket exists, without trying to reach one', async () => {
    vi.mocked(request).mockClear();
    expect(await resolveDbKind('auto', { DOCKER_HOST: 'unix:///nonexistent/docker.sock' })).toBe(
      'pglite',
    );
    expect(request).not.toHaveBeenCalled();
  });
});

describe('openDatabaseServer', () => {
  it('explains what postgres needs when no URL is given', async () => {
    await expect(openDatabaseServer('postgres', {})).rejects.toThrow(/TEST_DATABASE_URL/);
  });

  it('makes a PGlite database any PostgreSQL client can use, and drops it', async () => {
    const server = await openDatabaseServer('pglite', {});
    const database = await server.createDatabase('unit');
    const client = new pg.Client(database.url);
    await client.connect();
    expect((await client.query('SELECT 1 + 1 AS two')).rows).toEqual([{ two: 2 }]);
    await client.end();
    await database.drop();
    await server.close();
    // PGlite compiles and starts in this worker: past 60 s once on a fresh clone with a core kept busy
    // and other packages' tests running beside it. The same deadline as booting a starter on PGlite.
  }, 240_000);

  const url = process.env.TEST_DATABASE_URL;
  it.runIf(url)(
    'creates a fresh database on a PostgreSQL server, and drops it even while in use',
    async () => {
      const server = await openDatabaseServer('postgres', { TEST_DATABASE_URL: url });
      const database = await server.createDatabase('unit');
      const client = new pg.Client(database.url);
      await client.connect();
      expect((await client.query('SELECT current_database() AS name')).rows[0].name).toBe(
        database.name,
      );
      client.on('error', () => undefined);
      await database.drop();
      const admin = new pg.Client(url);
      await admin.connect();
      const left = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        database.name,
      ]);
      await admin.end();
      expect(left.rowCount).toBe(0);
    },
  );
});
