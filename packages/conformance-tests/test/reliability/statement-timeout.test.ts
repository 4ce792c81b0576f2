import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BootedServer } from '../../src/boot.js';
import type { ApiClient } from '../../src/client.js';
import { randomPassword, uniqueEmail } from '../support/api.js';
import { capabilities, ctx } from '../support/context.js';
import {
  bootInstance,
  instanceClient,
  ownDatabase,
  type OwnDatabase,
} from '../support/instance.js';
import { expectProblem } from '../support/problems.js';

const STATEMENT_TIMEOUT_MS = 1_000;

// A statement held up past DATABASE_STATEMENT_TIMEOUT_MS, by a lock this test takes on the tasks table
// from a connection of its own. PGlite is one session for every connection, in which a lock holds
// nobody up, so this needs a real server.
describe.runIf(capabilities.bootable && ctx.database.kind !== 'pglite')(
  'a statement past DATABASE_STATEMENT_TIMEOUT_MS',
  () => {
    let db: OwnDatabase;
    let server: BootedServer;
    let user: ApiClient;
    beforeAll(async () => {
      db = await ownDatabase('statement_timeout');
      server = await bootInstance(db.database.url, 'statement-timeout', {
        DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      });
      const res = await instanceClient(server.baseUrl).post('/auth/register', {
        json: { email: uniqueEmail('timeout'), password: randomPassword(), name: 'Timeout' },
      });
      expect(res.status).toBe(201);
      user = instanceClient(server.baseUrl, { token: res.body.accessToken });
    }, 240_000);
    afterAll(async () => {
      await server?.stop();
      await db?.release();
    }, 60_000);

    it(
      'is cancelled and answered 503 with Retry-After, and the write it was part of did not happen',
      {
        timeout: 120_000,
      },
      async () => {
        const locker = new pg.Client({ connectionString: db.database.url });
        await locker.connect();
        try {
          await locker.query('BEGIN');
          await locker.query('LOCK TABLE tasks IN ACCESS EXCLUSIVE MODE');
          for (const res of [
            await user.get('/tasks'),
            await user.post('/tasks', { json: { title: 'Written behind a lock' } }),
          ]) {
            expectProblem(res, 503, 'service_unavailable');
            expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
          }
        } finally {
          await locker.query('ROLLBACK').catch(() => undefined);
          await locker.end();
        }
        // With the lock gone the same instance serves again, and holds no half-written task.
        const after = await user.get('/tasks');
        expect(after.status).toBe(200);
        expect(after.body.data).toEqual([]);
      },
    );
  },
);
