import request from 'supertest';
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

describe('error responses', () => {
  it('answers an unknown path with a 404 problem', async () => {
    const { app } = testApp(fakeDomain());
    expectProblem(await request(app).get('/nowhere'), 'not_found');
    expectProblem(await request(app).delete('/tasks/a/b'), 'not_found');
  });

  it('answers a wrong method on a known path with 405 and Allow, before authentication', async () => {
    const { app } = testApp(fakeDomain());
    const res = await request(app).put('/tasks');
    expectProblem(res, 'method_not_allowed');
    expect(res.headers.allow).toBe('GET, HEAD, POST');
    const auth = await request(app).get('/auth/login');
    expectProblem(auth, 'method_not_allowed');
    expect(auth.headers.allow).toBe('POST');
  });

  it('maps a domain error to its own code, status and detail', async () => {
    const { app } = testApp(
      fakeDomain({ tasks: { get: () => Promise.reject(new NotFoundError('No such task.')) } }),
    );
    const res = await request(app).get(`/tasks/${TASK_ID}`).auth('valid', { type: 'bearer' });
    expectProblem(res, 'not_found');
    expect(res.body.detail).toBe('No such task.');
  });

  it('maps a conflict from the domain to 409', async () => {
    const { app } = testApp(
      fakeDomain({
        users: {
          remove: () => Promise.reject(new ConflictError('cannot_modify_self', 'Not yourself.')),
        },
      }),
    );
    const res = await request(app).delete(`/users/${TASK_ID}`).auth('valid', { type: 'bearer' });
    expectProblem(res, 'cannot_modify_self');
  });

  it('passes the errors of a domain validation failure through', async () => {
    const errors = [{ parameter: 'cursor', detail: 'is not a cursor for this sort' }];
    const { app } = testApp(
      fakeDomain({ tasks: { list: () => Promise.reject(new InvalidInputError(errors)) } }),
    );
    const res = await request(app).get('/tasks?cursor=abc').auth('valid', { type: 'bearer' });
    expectProblem(res, 'validation_failed');
    expect(res.body.errors).toEqual(errors);
  });

  it('maps an unreachable database to 503 with Retry-After, and a domain error without it', async () => {
    const down = new ServiceUnavailableError('The database is unavailable; retry shortly.');
    const { app } = testApp(fakeDomain({ tasks: { get: () => Promise.reject(down) } }));
    const res = await request(app).get(`/tasks/${TASK_ID}`).auth('valid', { type: 'bearer' });
    expectProblem(res, 'service_unavailable');
    expect(res.headers['retry-after']).toBe(String(down.retryAfterSeconds));
    const { app: other } = testApp(
      fakeDomain({ tasks: { get: () => Promise.reject(new NotFoundError('No such task.')) } }),
    );
    const missing = await request(other).get(`/tasks/${TASK_ID}`).auth('valid', { type: 'bearer' });
    expect(missing.headers['retry-after']).toBeUndefined();
  });

  it('answers an unexpected error with a 500 that reveals nothing, and logs it', async () => {
    const secret = 'connection to db.internal:5432 failed for user admin';
    const { app, logs } = testApp(
      fakeDomain({ tasks: { get: () => Promise.reject(new Error(secret)) } }),
    );
    const res = await request(app).get(`/tasks/${TASK_ID}`).auth('valid', { type: 'bearer' });
    expectProblem(res, 'internal_error');
    expect(res.text).not.toContain('db.internal');
    expect(Object.keys(res.body).sort()).toEqual(['code', 'detail', 'status', 'title', 'type']);
    // On the request's own line, the only error line it logs.
    const errors = logs.filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'request completed', res: { statusCode: 500 } });
    expect(errors[0]!.err).toMatchObject({ message: secret });
  });
});
