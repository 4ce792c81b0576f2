import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** A postgres:// URL on loopback that the ordinary `pg` driver connects to. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite (Postgres compiled to WASM) and serves it on 127.0.0.1 over the Postgres wire protocol,
 * so the app talks to it through the same `pg` driver, SQL and migrations as to a real server.
 *
 * PGlite runs one query at a time; the socket server queues the connections' queries and keeps a
 * transaction's statements together, which is why the pool for it is small (see data-source.ts).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  maxConnections = 4,
): Promise<EmbeddedPostgres> {
  if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  let stopped = false;
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
    },
  };
}
