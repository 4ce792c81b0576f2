import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { bootStarter, randomSecrets, type BootedServer } from '../../src/boot.js';
import { ApiClient } from '../../src/client.js';
import { recordPair } from '../../src/coverage.js';
import { openDatabaseServer, type Database, type DatabaseServer } from '../../src/database.js';
import { ctx } from './context.js';

/**
 * A database of a group's own, on the same kind of server as the target's, for a group that boots
 * its own instance of the target (to give it other settings, or to stop it). Starter targets only.
 */
export interface OwnDatabase {
  database: Database;
  /** Drops the database and closes this worker's handle on the server; never throws. */
  release(): Promise<void>;
}

export async function ownDatabase(label: string): Promise<OwnDatabase> {
  const databases: DatabaseServer = await openDatabaseServer(
    ctx.database.kind,
    process.env,
    ctx.database.adminUrl,
  );
  const database = await databases.createDatabase(`${ctx.target}_${label}`);
  return {
    database,
    release: async () => {
      await database.drop().catch(() => undefined);
      await databases.close().catch(() => undefined);
    },
  };
}

/**
 * Boots the target on `databaseUrl` (a group's own database, or a proxy in front of it) with extra
 * settings; its log lands in the run folder. Instances meant to act as one pass the same `secrets`.
 */
export function bootInstance(
  databaseUrl: string,
  label: string,
  env: Record<string, string> = {},
  secrets = randomSecrets(),
): Promise<BootedServer> {
  return bootStarter(
    {
      packageDir: ctx.packageDir!,
      databaseUrl,
      logFile: join(ctx.runDir, `server-${label}-${randomBytes(3).toString('hex')}.log`),
      env: { ...ctx.starterEnv, ...env },
    },
    secrets,
  );
}

/** A contract-checking client for `baseUrl` (an instance, or a balancer), from an IP of its own. */
export function instanceClient(baseUrl: string, options: { token?: string; ip?: string } = {}) {
  return new ApiClient(baseUrl, {
    ...options,
    record: (operationId, status) => recordPair(ctx.runDir, operationId, status),
  });
}
