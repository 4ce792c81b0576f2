import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { homedir } from 'node:os';
import pg from 'pg';

export const dbKinds = ['postgres', 'testcontainers', 'pglite'] as const;
export type DbKind = (typeof dbKinds)[number];
export type DbChoice = DbKind | 'auto';

/** One fresh, empty database for one boot of a target. */
export interface Database {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Where fresh databases come from; one per CLI run, shared by every target and test worker. */
export interface DatabaseServer {
  kind: DbKind;
  /** A URL to the server's maintenance database, for kinds a test worker can reach directly. */
  adminUrl: string | undefined;
  createDatabase(label: string): Promise<Database>;
  close(): Promise<void>;
}

/** The URL of an existing PostgreSQL server the caller gave us, if any. */
function postgresUrlFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  return env.TEST_DATABASE_URL || env.DATABASE_URL || undefined;
}

/**
 * `auto` prefers a server the caller named, then Testcontainers when a Docker engine answers, then
 * PGlite, which needs nothing installed.
 */
export async function resolveDbKind(choice: DbChoice, env: NodeJS.ProcessEnv): Promise<DbKind> {
  if (choice !== 'auto') return choice;
  if (postgresUrlFromEnv(env)) return 'postgres';
  if (await dockerAnswers(env)) return 'testcontainers';
  return 'pglite';
}

export async function openDatabaseServer(
  kind: DbKind,
  env: NodeJS.ProcessEnv,
  /** Reuse a server another process opened (test workers get the CLI's). */
  existingAdminUrl?: string,
): Promise<DatabaseServer> {
  switch (kind) {
    case 'postgres': {
      const adminUrl = existingAdminUrl ?? postgresUrlFromEnv(env);
      if (!adminUrl) throw new Error('--db postgres needs TEST_DATABASE_URL or DATABASE_URL.');
      return postgresServer('postgres', adminUrl, async () => undefined);
    }
    case 'testcontainers': {
      if (existingAdminUrl) return postgresServer(kind, existingAdminUrl, async () => undefined);
      // Imported only here: loading it costs time and nothing else needs it.
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const container = await new PostgreSqlContainer('postgres:17-alpine').start();
      return postgresServer(kind, container.getConnectionUri(), async () => {
        await container.stop();
      });
    }
    case 'pglite':
      return pgliteServer();
  }
}

function postgresServer(
  kind: DbKind,
  adminUrl: string,
  closeServer: () => Promise<void>,
): DatabaseServer {
  return {
    kind,
    adminUrl,
    async createDatabase(label) {
      const name = databaseName(label);
      await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        name,
        url: url.toString(),
        async drop() {
          await withClient(adminUrl, (client) =>
            client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
          );
        },
      };
    },
    close: closeServer,
  };
}

/**
 * PGlite is one in-memory PostgreSQL per database, hosted in this process and served on loopback, so the
 * target connects to it exactly as it would to a real server.
 */
function pgliteServer(): DatabaseServer {
  return {
    kind: 'pglite',
    adminUrl: undefined,
    async createDatabase(label) {
      // The domain's PGlite, loaded with its V8 set-up, and its server for several connections.
      const { loadPGlite, PgliteServer } = await import('@rosetta/domain');
      const { PGlite } = await loadPGlite();
      const db = await PGlite.create();
      const server = new PgliteServer(db);
      const url = await server.listen();
      return {
        name: databaseName(label),
        url,
        async drop() {
          await server.close();
          await db.close();
        },
      };
    },
    close: async () => undefined,
  };
}

/** `rosetta_<label>_<random>`: safe to interpolate, unique per boot, easy to spot and clean up. */
export function databaseName(label: string): string {
  const safe = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 30);
  return `rosetta_${safe}_${randomBytes(4).toString('hex')}`;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Whether a Docker engine answers `/_ping`. Checks for the socket first, so a machine without Docker
 * spends no time here.
 */
async function dockerAnswers(env: NodeJS.ProcessEnv): Promise<boolean> {
  const host = env.DOCKER_HOST;
  if (host && !host.startsWith('unix://')) {
    const url = new URL(host.replace(/^tcp:/, 'http:'));
    return ping({ host: url.hostname, port: Number(url.port || 2375) });
  }
  const sockets = host
    ? [host.slice('unix://'.length)]
    : ['/var/run/docker.sock', `${homedir()}/.docker/run/docker.sock`];
  const socketPath = sockets.find((path) => existsSync(path));
  return socketPath ? ping({ socketPath }) : false;
}

function ping(target: { socketPath: string } | { host: string; port: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ ...target, path: '/_ping', timeout: 1500 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}
