import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@rosetta/domain';
import { expectProblem, fakeDomain } from '@rosetta/test-support';
import { testApp } from '../support/app.js';

const TASK_ID = '3f1d7b6e-2c4a-4e8b-9a1f-5d6c7b8a9e0f';
const bearer = { authorization: 'Bearer valid' };

describe('error responses', () => {
  it('answers an unknown path with a 404 problem', async () => {
    const { app } = testApp(fakeDomain());
    expectProblem(await app.inject({ url: '/nowhere' }), 'not_found');
    expectProblem(await app.inject({ method: 'DELETE', url: '/tasks/a/b' }), 'not_found');
  });

  it('answers a path the router cannot decode, or too long a parameter, with a 404 problem', async () => {
    const { app } = testApp(fakeDomain());
    const malformed = await app.inject({ url: '/tasks/%E0%A4%A' });
    expectProblem(malformed, 'not_found');
    expect(malformed.headers['x-request-id']).toEqual(expect.any(String));
    expectProblem(await app.inject({ url: `/tasks/${'a'.repeat(200)}` }), 'not_found');
  });

  it('answers a wrong method on a known path with 405 and Allow, before authentication', async () => {
    const { app } = testApp(fakeDomain());
    const res = await app.inject({ method: 'PUT', url: '/tasks' });
    expectProblem(res, 'method_not_allowed');
    expect(res.headers.allow).toBe('GET, HEAD, POST');
    const item = await app.inject({ method: 'POST', url: `/tasks/${TASK_ID}` });
    expect(item.headers.allow).toBe('GET, HEAD, PATCH, DELETE');
    const broken = await app.inject({
      method: 'PUT',
      url: '/tasks',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    expectProblem(broken, 'method_not_allowed');
    const auth = await app.inject({ url: '/auth/login' });
    expectProblem(auth, 'method_not_allowed');
    expect(auth.headers.allow).toBe('POST');
  });

  it('maps a domain error to its own code, status and detail', async () => {
    const { app } = testApp(
      fakeDomain({ tasks: { get: () => Promise.reject(new NotFoundError('No such task.')) } }),
    );
    const res = await app.inject({ url: `/tasks/${TASK_ID}`, headers: bearer });
    expectProblem(res, 'not_found');
    expect(res.json().detail).toBe('No such task.');
  });

  it('maps a conflict from the domain to 409', async () => {
    const { app } = testApp(
      fakeDomain({
        users: {
          remove: () => Promise.reject(new ConflictError('cannot_modify_self', 'Not yourself.')),
        },
      }),
    );
    const res = await app.inject({ method: 'DELETE', url: `/users/${TASK_ID}`, headers: bearer });
    expectProblem(res, 'cannot_modify_self');
  });

  it('passes the errors of a domain validation failure through', async () => {
    const errors = [{ parameter: 'cursor', detail: 'is not a cursor for this sort' }];
    const { app } = testApp(
      fakeDomain({ tasks: { list: () => Promise.reject(new InvalidInputError(errors)) } }),
    );
    const res = await app.inject({ url: '/tasks?cursor=abc', headers: bearer });
    expectProblem(res, 'validation_failed');
    expect(res.json().errors).toEqual(errors);
  });

  it('maps an unreachable database to 503 with Retry-After, and a domain error without it', async () => {
    const down = new ServiceUnavailableError('The database is unavailable; retry shortly.');
    const { app } = testApp(fakeDomain({ tasks: { get: () => Promise.reject(down) } }));
    const res = await app.inject({ url: `/tasks/${TASK_ID}`, headers: bearer });
    expectProblem(res, 'service_unavailable');
    expect(res.headers['retry-after']).toBe(String(down.retryAfterSeconds));
    const { app: other } = testApp(
      fakeDomain({ tasks: { get: () => Promise.reject(new NotFoundError('No such task.')) } }),
    );
    const missing = await other.inject({ url: `/tasks/${TASK_ID}`, headers: bearer });
    expect(missing.headers['retry-after']).toBeUndefined();
  });

  it('answers an unexpected error with a 500 that reveals nothing, and logs it', async () => {
    const secret = 'connection to db.internal:5432 failed for user admin';
    const { app, logs } = testApp(
      fakeDomain({ tasks: { get: () => Promise.reject(new Error(secret)) } }),
    );
    const res = await app.inject({ url: `/tasks/${TASK_ID}`, headers: bearer });
    expectProblem(res, 'internal_error');
    expect(res.body).not.toContain('db.internal');
    expect(Object.keys(res.json()).sort()).toEqual(['code', 'detail', 'status', 'title', 'type']);
    // One line for the request, its completion, at error level with the error behind the 500.
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      level: 50,
      msg: 'request completed',
      res: { statusCode: 500 },
      err: { message: secret },
    });
  });

  it('drops response members the contract does not name', async () => {
    const task = {
      id: TASK_ID,
      title: 'Leaky',
      description: null,
      status: 'todo' as const,
      priority: 'medium' as const,
      dueDate: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      ownerId: 'internal',
    };
    const { app } = testApp(fakeDomain({ tasks: { get: async () => ({ task, version: 1 }) } }));
    const res = await app.inject({ url: `/tasks/${TASK_ID}`, headers: bearer });
    expect(res.statusCode).toBe(200);
    expect(res.json()).not.toHaveProperty('ownerId');
    expect(res.json().title).toBe('Leaky');
  });
});
