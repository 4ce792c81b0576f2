import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../src/index.js';

describe('embedded PGlite', () => {
  it('is served on a Unix socket only this user can open, in a directory only this user can enter', async () => {
    const embedded = await startEmbeddedPostgres('memory://');
    const url = new URL(embedded.url);
    const dir = url.searchParams.get('host')!;
    try {
      // No TCP: the URL names a socket directory, no port.
      expect(dir).toMatch(/^\//);
      expect(url.port).toBe('');
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
      const socket = await stat(join(dir, '.s.PGSQL.5432'));
      expect(socket.isSocket()).toBe(true);
      expect(socket.mode & 0o777).toBe(0o600);
      // And the ordinary driver reaches it through that URL.
      const client = new pg.Client({ connectionString: embedded.url });
      await client.connect();
      try {
        expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      } finally {
        await client.end();
      }
    } finally {
      await embedded.stop();
    }
    await expect(stat(dir), 'the socket directory goes with the server').rejects.toThrow();
  }, 120_000);
});
