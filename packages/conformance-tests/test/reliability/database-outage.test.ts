import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { bootStarter, sleep, type BootedServer } from '../../src/boot.js';
import { ApiClient } from '../../src/client.js';
import { recordPair } from '../../src/coverage.js';
import { recordFigures } from '../../src/figures.js';
import { openDatabaseServer, type Database, type DatabaseServer } from '../../src/database.js';
import { TcpProxy, throughProxy, urlEndpoint } from '../../src/proxy.js';
import { capabilities, ctx } from '../support/context.js';
import { expectProblem } from '../support/problems.js';

const RECOVERY_TIMEOUT_MS = 20_000;

/**
 * A second instance of the target, on its own database reached through a proxy the test can cut. Only
 * a target the harness boots can be put behind one; for others these tests show n/a.
 */
describe.runIf(capabilities.bootable)('database outage', () => {
  let databases: DatabaseServer;
  let database: Database;
  let proxy: TcpProxy;
  let server: BootedServer;
  let api: ApiClient;

  beforeAll(async () => {
    databases = await openDatabaseServer(ctx.database.kind, process.env, ctx.database.adminUrl);
    database = await databases.createDatabase(`${ctx.target}_outage`);
    proxy = new TcpProxy(urlEndpoint(database.url));
    const port = await proxy.listen();
    server = await bootStarter({
      packageDir: ctx.packageDir!,
      databaseUrl: throughProxy(database.url, port),
      logFile: join(ctx.runDir, `server-outage-${randomBytes(3).toString('hex')}.log`),
    });
    api = new ApiClient(server.baseUrl, {
      record: (id, status) => recordPair(ctx.runDir, id, status),
    });
  }, 90_000);

  afterAll(async () => {
    proxy?.restore();
    await server?.stop();
    await proxy?.close();
    await database?.drop();
    await databases?.close();
  }, 30_000);

  /** Polls until `check` passes or the timeout ends; returns the last response. */
  async function eventually(path: string, status: number) {
    const deadline = Date.now() + RECOVERY_TIMEOUT_MS;
    let res = await api.get(path);
    while (res.status !== status && Date.now() < deadline) {
      await sleep(250);
      res = await api.get(path);
    }
    return res;
  }

  it('keeps GET /health at 200 while /health/ready answers 503 with checks.database unavailable', async () => {
    expect((await api.get('/health/ready')).status).toBe(200);
    proxy.cut();
    const cutAt = Date.now();
    try {
      const ready = await eventually('/health/ready', 503);
      recordFigures(ctx.runDir, 'database-outage', { readyTurned503AfterMs: Date.now() - cutAt });
      expectProblem(ready, 503, 'service_unavailable');
      expect(ready.body.checks).toEqual({ database: 'unavailable' });
      const health = await api.get('/health');
      expect(health.status).toBe(200);
      expect(health.body).toEqual({ status: 'ok' });
    } finally {
      proxy.restore();
    }
  }, 60_000);

  it('recovers to 200 on /health/ready, and serves requests again, without a restart', async () => {
    proxy.cut();
    expect((await eventually('/health/ready', 503)).status).toBe(503);
    proxy.restore();
    const restoredAt = Date.now();
    const ready = await eventually('/health/ready', 200);
    expect(ready.status).toBe(200);
    recordFigures(ctx.runDir, 'database-outage', { recoveredAfterMs: Date.now() - restoredAt });
    expect(ready.body).toEqual({ status: 'ok', checks: { database: 'ok' } });
    const registered = await api.post('/auth/register', {
      json: {
        email: `outage-${randomBytes(4).toString('hex')}@conformance.test`,
        password: 'long-enough-1',
        name: 'Back',
      },
    });
    expect(registered.status).toBe(201);
  }, 60_000);
});
