import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  ServiceUnavailableError,
  type TasksService,
  type UsersService,
} from '@rosetta/domain';
import { expectProblem, fakeDomain } from '@rosetta/test-support';
import { TASKS_SERVICE, USERS_SERVICE } from '../../src/domain.module.js';
import { type TestApp, testApp } from '../support/app.js';

const TASK_ID = '3f1d7b6e-2c4a-4e8b-9a1f-5d6c7b8a9e0f';

// Nest's testing module swaps one provider for a stand-in: here, the one domain service a test needs.
const withTasks = (tasks: Partial<TasksService>) =>
  testApp(fakeDomain(), {}, (m) => m.overrideProvider(TASKS_SERVICE).useValue(tasks));
const withUsers = (users: Partial<UsersService>) =>
  testApp(fakeDomain(), {}, (m) => m.overrideProvider(USERS_SERVICE).useValue(users));

describe('ProblemFilter', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await testApp(fakeDomain());
  });

  it('answers an unknown path with a 404 problem', async () => {
    expectProblem(await request(app.server).get('/nowhere'), 'not_found');
    expectProblem(await request(app.server).delete('/tasks/a/b'), 'not_found');
  });

  it('answers a wrong method on a known path with 405 and Allow, before authentication', async () => {
    const res = await request(app.server).put('/tasks');
    expectProblem(res, 'method_not_allowed');
    expect(res.headers.allow).toBe('GET, HEAD, POST');
    const auth = await request(app.server).get('/auth/login');
    expectProblem(auth, 'method_not_allowed');
    expect(auth.headers.allow).toBe('POST');
  });

  it('lists every method of a path with a parameter, and matches as Express routes do', async () => {
    const res = await request(app.server).put(`/TASKS/${TASK_ID}/`);
    expectProblem(res, 'method_not_allowed');
    expect(res.headers.allow).toBe('GET, HEAD, PATCH, DELETE');
  });

  it('maps a domain error to its own code, status and detail', async () => {
    const { server } = await withTasks({
      get: () => Promise.reject(new NotFoundError('No such task.')),
    });
    const res = await request(server).get(`/tasks/${TASK_ID}`).auth('valid', { type: 'bearer' });
    expectProblem(res, 'not_found');
    expect(res.body.detail).toBe('No such task.');
  });

  it('maps a conflict from the domain to 409', async () => {
    const { server } = await withUsers({
      remove: () => Promise.reject(new ConflictError('cannot_modify_self', 'Not yourself.')),
    });
    const res = await request(server).delete(`/users/${TASK_ID}`).auth('valid', { type: 'bearer' });
    expectProblem(res, 'cannot_modify_self');
  });

  it('passes the errors of a domain validation failure through', async () => {
    const errors = [{ parameter: 'cursor', detail: 'is not a cursor for this sort' }];
    const { server } = await withTasks({
      list: () => Promise.reject(new InvalidInputError(errors)),
    });
    const res = await request(server).get('/tasks?cursor=abc').auth('valid', { type: 'bearer' });
    expectProblem(res, 'validation_failed');
    expect(res.body.errors).toEqual(errors);
  });

  it('maps an unreachable database to 503 with Retry-After, and a domain error without it', async () => {
    const down = new ServiceUnavailableError('The database is unavailable; retry shortly.');
    const { server } = await withTasks({ get: () => Promise.reject(down) });
    const res = await request(server).get(`/tasks/${TASK_ID}`).auth('valid', { type: 'bearer' });
    expectProblem(res, 'service_unavailable');
    expect(res.headers['retry-after']).toBe(String(down.retryAfterSeconds));
    const { server: other } = await withTasks({
      get: () => Promise.reject(new NotFoundError('No such task.')),
    });
    const missing = await request(other).get(`/tasks/${TASK_ID}`).auth('valid', { type: 'bearer' });
    expect(missing.headers['retry-after']).toBeUndefined();
  });

  it('answers an unexpected error with a 500 that reveals nothing, and logs it', async () => {
    const secret = 'connection to db.internal:5432 failed for user admin';
    const { server, logs } = await withTasks({ get: () => Promise.reject(new Error(secret)) });
    const res = await request(server).get(`/tasks/${TASK_ID}`).auth('valid', { type: 'bearer' });
    expectProblem(res, 'internal_error');
    expect(res.text).not.toContain('db.internal');
    expect(Object.keys(res.body).sort()).toEqual(['code', 'detail', 'status', 'title', 'type']);
    // One line for the request, its completion, at error level with the error behind the 500.
    const lines = logs.filter((l) => (l.req as { url?: string } | undefined)?.url !== undefined);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'request completed',
      res: { statusCode: 500 },
      err: { message: secret },
    });
  });
});
