import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@rosetta/domain';
import { expectProblemResponse, fakeDomain } from '@rosetta/test-support';
import { bearer, json, testApp } from '../support/app.js';

const TASK_ID = '3f1d7b6e-2c4a-4e8b-9a1f-5d6c7b8a9e0f';

describe('error responses', () => {
  it('answers an unknown path with a 404 problem', async () => {
    const { app } = testApp(fakeDomain());
    await expectProblemResponse(await app.request('/nowhere'), 'not_found');
    await expectProblemResponse(await app.request('/tasks/a/b', { method: 'DELETE' }), 'not_found');
  });

  it('answers a wrong method on a known path with 405 and Allow, before authentication', async () => {
    const { app } = testApp(fakeDomain());
    const res = await app.request('/tasks', json('PUT', {}));
    await expectProblemResponse(res, 'method_not_allowed');
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
    const task = await app.request(`/tasks/${TASK_ID}`, json('PUT', {}));
    await expectProblemResponse(task, 'method_not_allowed');
    expect(task.headers.get('allow')).toBe('GET, HEAD, PATCH, DELETE');
    const auth = await app.request('/auth/login');
    await expectProblemResponse(auth, 'method_not_allowed');
    expect(auth.headers.get('allow')).toBe('POST');
    expect(auth.headers.get('cache-control')).toBe('no-store');
  });

  it('answers HEAD wherever GET is, and 405 where it is not', async () => {
    const { app } = testApp(fakeDomain());
    const health = await app.request('/health', { method: 'HEAD' });
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('');
    const login = await app.request('/auth/login', { method: 'HEAD' });
    expect(login.status).toBe(405);
    expect(login.headers.get('allow')).toBe('POST');
  });

  it('maps a domain error to its own code, status and detail', async () => {
    const { app } = testApp(
      fakeDomain({ tasks: { get: () => Promise.reject(new NotFoundError('No such task.')) } }),
    );
    const res = await app.request(`/tasks/${TASK_ID}`, { headers: bearer('valid') });
    const body = await expectProblemResponse(res, 'not_found');
    expect(body.detail).toBe('No such task.');
  });

  it('maps a conflict from the domain to 409', async () => {
    const { app } = testApp(
      fakeDomain({
        users: {
          remove: () => Promise.reject(new ConflictError('cannot_modify_self', 'Not yourself.')),
        },
      }),
    );
    const res = await app.request(`/users/${TASK_ID}`, {
      method: 'DELETE',
      headers: bearer('valid'),
    });
    await expectProblemResponse(res, 'cannot_modify_self');
  });

  it('passes the errors of a domain validation failure through', async () => {
    const errors = [{ parameter: 'cursor', detail: 'is not a cursor for this sort' }];
    const { app } = testApp(
      fakeDomain({ tasks: { list: () => Promise.reject(new InvalidInputError(errors)) } }),
    );
    const res = await app.request('/tasks?cursor=abc', { headers: bearer('valid') });
    const body = await expectProblemResponse(res, 'validation_failed');
    expect(body.errors).toEqual(errors);
  });

  it('maps an unreachable database to 503 with Retry-After, and a domain error without it', async () => {
    const down = new ServiceUnavailableError('The database is unavailable; retry shortly.');
    const { app } = testApp(fakeDomain({ tasks: { get: () => Promise.reject(down) } }));
    const res = await app.request(`/tasks/${TASK_ID}`, { headers: bearer('valid') });
    await expectProblemResponse(res, 'service_unavailable');
    expect(res.headers.get('retry-after')).toBe(String(down.retryAfterSeconds));
    const { app: other } = testApp(
      fakeDomain({ tasks: { get: () => Promise.reject(new NotFoundError('No such task.')) } }),
    );
    const missing = await other.request(`/tasks/${TASK_ID}`, { headers: bearer('valid') });
    expect(missing.headers.get('retry-after')).toBeNull();
  });

  it('answers an unexpected error with a 500 that reveals nothing, and logs it', async () => {
    const secret = 'connection to db.internal:5432 failed for user admin';
    const { app, logs } = testApp(
      fakeDomain({ tasks: { get: () => Promise.reject(new Error(secret)) } }),
    );
    const res = await app.request(`/tasks/${TASK_ID}`, { headers: bearer('valid') });
    const body = await expectProblemResponse(res, 'internal_error');
    expect(JSON.stringify(body)).not.toContain('db.internal');
    expect(Object.keys(body).sort()).toEqual(['code', 'detail', 'status', 'title', 'type']);
    // On the request's own line, the only error line it logs.
    const errors = logs.filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'request completed', res: { statusCode: 500 } });
    expect(errors[0]!.err).toMatchObject({ message: secret });
  });
});
