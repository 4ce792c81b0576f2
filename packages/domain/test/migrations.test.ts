import { describe, expect, it } from 'vitest';
import { createDomain, startEmbeddedPostgres } from '../src/index.js';
import { JWT_SECRET } from './support/domain.js';
import { freshDatabase } from './support/test-database.js';

describe('starting several instances on one database', () => {
  it('applies each migration once, however many instances start together', async () => {
    // Without a server, one embedded database shared through its socket stands in for it.
    const server = process.env.TEST_DATABASE_URL
      ? undefined
      : await startEmbeddedPostgres('memory://');
    const db = server ? { url: server.url, drop: () => server.stop() } : await freshDatabase();
    try {
      const domains = await Promise.all(
        [1, 2, 3].map(() => createDomain({ databaseUrl: db.url, jwtSecret: JWT_SECRET })),
      );
      expect(await Promise.all(domains.map((d) => d.health.isDatabaseReady()))).toEqual([
        true,
        true,
        true,
      ]);
      await Promise.all(domains.map((d) => d.close()));
    } finally {
      await db.drop();
    }
    // A PGlite start and three migrating domains: 20 s seen on a heavily loaded 2-core machine.
  }, 180_000);
});
