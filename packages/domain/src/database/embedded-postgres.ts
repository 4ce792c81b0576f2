import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPGlite } from './load-pglite.js';
import { PgliteServer } from './pglite-server.js';

export interface EmbeddedPostgres {
  /**
   * A postgres:// URL that the ordinary `pg` driver (and psql) connects to: a Unix socket, named by the
   * `host` query parameter as libpq spells it; `createDataSource` reads it too.
   */
  url: string;
  stop(): Promise<void>;
}

/** The socket's name in its directory, as PostgreSQL and every client expect it for port 5432. */
const SOCKET_NAME = '.s.PGSQL.5432';

/**
 * Starts PGlite (Postgres compiled to WASM) and serves it over the Postgres wire protocol, so the app
 * talks to it through the same `pg` driver, SQL and migrations as to a real server.
 *
 * PGlite has no authentication: whoever reaches the server is the superuser. So it listens on no TCP
 * port but on a Unix socket in a directory of its own that only this user can enter (0700), the socket
 * itself 0600: no other user of the machine, and nothing on the network, can open it.
 *
 * `PgliteServer` hands PGlite to one connection's whole request or transaction at a time, so any
 * number of clients can connect (psql beside the app, say); the app itself uses a pool of one, as
 * create-domain.ts explains.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  // Loaded on first use: a server given a DATABASE_URL never pays for PGlite's code at start.
  const { PGlite } = await loadPGlite();
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  // In the temporary directory rather than the data directory: a socket's path has to fit in about
  // 100 bytes, which a data directory deep in a project need not. mkdtemp makes it 0700.
  const socketDir = await mkdtemp(join(tmpdir(), 'rosetta-pglite-'));
  const socketPath = join(socketDir, SOCKET_NAME);
  const server = new PgliteServer(db);
  try {
    await server.listenOnSocket(socketPath);
    await chmod(socketPath, 0o600);
  } catch (error) {
    await server.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    await rm(socketDir, { recursive: true, force: true });
    throw error;
  }
  let stopped = false;
  return {
    url: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.close();
      await db.close();
      await rm(socketDir, { recursive: true, force: true });
    },
  };
}
