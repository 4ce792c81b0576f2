import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { operations, type OperationId } from '@rosetta/shared-contract';
import type { ApiClient, ApiResponse } from '../../src/client.js';
import { recordFigures } from '../../src/figures.js';
import { uniqueEmail } from '../support/api.js';
import { capabilities, ctx } from '../support/context.js';
import { label } from '../support/operations.js';
import { bounded, eventually, useOutageInstance } from '../support/outage.js';
import { expectProblem } from '../support/problems.js';

const GROUP = 'database-outage';

/** What each call needs, set up while the database is still there. */
interface Fixtures {
  email: string;
  password: string;
  refreshToken: string;
  userId: string;
  /** Another session of the user's, one it could end. */
  otherSessionId: string;
  taskId: string;
  user: ApiClient;
  admin: ApiClient;
  anonymous: () => ApiClient;
}

/** One valid call per operation that documents a 503: each would succeed if the database answered. */
const calls: Partial<Record<OperationId, (f: Fixtures) => Promise<ApiResponse>>> = {
  register: (f) =>
    f.anonymous().post('/auth/register', {
      json: { email: uniqueEmail('outage'), password: 'long-enough-1', name: 'Outage' },
    }),
  login: (f) =>
    f.anonymous().post('/auth/login', { json: { email: f.email, password: f.password } }),
  refresh: (f) => f.anonymous().post('/auth/refresh', { json: { refreshToken: f.refreshToken } }),
  logout: (f) => f.anonymous().post('/auth/logout', { json: { refreshToken: f.refreshToken } }),
  listSessions: (f) => f.user.get('/auth/sessions'),
  deleteOtherSessions: (f) => f.user.delete('/auth/sessions'),
  deleteSession: (f) => f.user.delete(`/auth/sessions/${f.otherSessionId}`),
  getMe: (f) => f.user.get('/users/me'),
  updateMe: (f) => f.user.patch('/users/me', { json: { name: 'Renamed' } }),
  deleteMe: (f) => f.user.delete('/users/me'),
  listUsers: (f) => f.admin.get('/users'),
  getUser: (f) => f.admin.get(`/users/${f.userId}`),
  updateUser: (f) => f.admin.patch(`/users/${f.userId}`, { json: { role: 'user' } }),
  deleteUser: (f) => f.admin.delete(`/users/${f.userId}`),
  createTask: (f) => f.user.post('/tasks', { json: { title: 'Written during the outage' } }),
  listTasks: (f) => f.user.get('/tasks'),
  getTask: (f) => f.user.get(`/tasks/${f.taskId}`),
  updateTask: (f) => f.user.patch(`/tasks/${f.taskId}`, { json: { title: 'Renamed' } }),
  deleteTask: (f) => f.user.delete(`/tasks/${f.taskId}`),
};

/** Operations whose 503 means "the database is unavailable"; readiness has its own test. */
const databaseOperations = (Object.keys(operations) as OperationId[]).filter(
  (id) => id !== 'getReadiness' && '503' in operations[id].responses,
);

/**
 * A second instance of the target, on its own database reached through a proxy the test can cut. Only
 * a target the harness boots can be put behind one; for others these tests show n/a.
 */
describe.runIf(capabilities.bootable)('database outage', () => {
  const instance = useOutageInstance('outage');

  it('keeps GET /health at 200 while /health/ready answers 503 with checks.database unavailable', async () => {
    const { proxy, client } = instance.current;
    const api = client();
    expect((await api.get('/health/ready')).status).toBe(200);
    proxy.cut();
    const cutAt = Date.now();
    try {
      const ready = await eventually(api, '/health/ready', 503);
      recordFigures(ctx.runDir, GROUP, { readyTurned503AfterMs: Date.now() - cutAt });
      expectProblem(ready, 503, 'service_unavailable');
      expect(ready.body.checks).toEqual({ database: 'unavailable' });
      const health = await api.get('/health');
      expect(health.status).toBe(200);
      expect(health.body).toEqual({ status: 'ok' });
    } finally {
      proxy.restore();
    }
  }, 60_000);

  it('covers every operation that documents a 503', () => {
    expect(Object.keys(calls).sort()).toEqual([...databaseOperations].sort());
  });

  it(
    'answers every database-backed operation 503 problem+json with Retry-After, promptly, while cut',
    async () => {
      const { proxy, client, server } = instance.current;
      const password = 'long-enough-1';
      const email = uniqueEmail('outage');
      const registered = await client().post('/auth/register', {
        json: { email, password, name: 'Outage' },
      });
      expect(registered.status).toBe(201);
      const signedIn = await client().post('/auth/login', { json: server.admin });
      expect(signedIn.status).toBe(200);
      const user = client(registered.body.accessToken);
      const task = await user.post('/tasks', { json: { title: 'Before the outage' } });
      expect(task.status).toBe(201);
      expect((await client().post('/auth/login', { json: { email, password } })).status).toBe(200);
      const sessions = await user.get('/auth/sessions');
      expect(sessions.status).toBe(200);
      const other = (sessions.body.data as { id: string; current: boolean }[]).find(
        (s) => !s.current,
      );
      const fixtures: Fixtures = {
        email,
        password,
        refreshToken: registered.body.refreshToken,
        userId: registered.body.user.id,
        otherSessionId: other!.id,
        taskId: task.body.id,
        user,
        admin: client(signedIn.body.accessToken),
        anonymous: () => client(),
      };

      proxy.cut();
      const latencies: number[] = [];
      try {
        for (const operationId of databaseOperations) {
          const { res, ms } = await bounded(label(operationId), () =>
            calls[operationId]!(fixtures),
          );
          latencies.push(ms);
          expectProblem(res, 503, 'service_unavailable');
          expect(res.headers.get('retry-after'), `${label(operationId)} Retry-After`).toMatch(
            /^\d+$/,
          );
        }
      } finally {
        proxy.restore();
      }
      recordFigures(ctx.runDir, GROUP, {
        apiCallsChecked: latencies.length,
        longest503Ms: Math.max(...latencies),
      });
      // Nothing the refused calls attempted happened: the account and its task are as they were.
      expect((await eventually(client(), '/health/ready', 200)).status).toBe(200);
      const me = await user.get('/users/me');
      expect(me.status).toBe(200);
      expect(me.body.name).toBe('Outage');
      expect((await user.get(`/tasks/${fixtures.taskId}`)).body.title).toBe('Before the outage');
    },
    5 * 60_000,
  );

  it('recovers to 200 on /health/ready, and serves requests again, without a restart', async () => {
    const { proxy, client } = instance.current;
    const api = client();
    proxy.cut();
    expect((await eventually(api, '/health/ready', 503)).status).toBe(503);
    proxy.restore();
    const restoredAt = Date.now();
    const ready = await eventually(api, '/health/ready', 200);
    expect(ready.status).toBe(200);
    recordFigures(ctx.runDir, GROUP, { recoveredAfterMs: Date.now() - restoredAt });
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
