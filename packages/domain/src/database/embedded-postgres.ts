import { mkdir } from 'node:fs/promises';

export interface EmbeddedPostgres {
  /** A postgres:// URL on loopback that the ordinary `pg` driver connects to. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite (Postgres compiled to WASM) and serves it on 127.0.0.1 over the Postgres wire protocol,
 * so the app talks to it through the same `pg` driver, SQL and migrations as to a real server.
 *
 * PGlite is one backend session. pglite-socket can multiplex several connections onto it, but it queues
 * protocol messages, not whole queries, so two connections' extended-protocol messages can interleave
 * and one query receive another's rows. One connection is therefore the default, and clients must use
 * a pool of one (see create-domain.ts).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  maxConnections = 1,
): Promise<EmbeddedPostgres> {
  // Loaded on first use: a server given a DATABASE_URL never pays for PGlite's code at start.
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-socket'),
  ]);
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
