import { describe, expect, it } from 'vitest';
import type { ListTasksQuery } from '@rosetta/domain';
import { expectProblemResponse, fakeDomain } from '@rosetta/test-support';
import { bearer, fromLoopback, json, testApp } from '../support/app.js';

describe('validate()', () => {
  it('lists every body violation with a JSON Pointer', async () => {
    const { app } = testApp(fakeDomain());
    const res = await app.request(
      '/auth/register',
      json('POST', { email: 'not-an-email', name: ' ', extra: 1 }),
      fromLoopback,
    );
    const body = await expectProblemResponse(res, 'validation_failed');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/email', detail: expect.any(String) },
        { pointer: '/password', detail: 'is required' },
        { pointer: '/name', detail: 'must not be blank' },
        { pointer: '/extra', detail: 'is not an accepted property' },
      ]),
    );
  });

  it('names the query and path parameters that break the contract', async () => {
    const { app } = testApp(fakeDomain());
    const query = await app.request('/tasks?limit=0&sort=random', { headers: bearer('valid') });
    const queryBody = await expectProblemResponse(query, 'validation_failed');
    expect(queryBody.errors?.map((e) => e.parameter).sort()).toEqual(['limit', 'sort']);
    const path = await app.request('/tasks/42', { headers: bearer('valid') });
    const pathBody = await expectProblemResponse(path, 'validation_failed');
    expect(pathBody.errors).toEqual([{ parameter: 'id', detail: 'must match format "uuid"' }]);
  });

  it('reports violations in the path and the body together', async () => {
    const { app } = testApp(fakeDomain());
    const res = await app.request('/tasks/42', json('PATCH', { title: '' }, bearer('valid')));
    const body = await expectProblemResponse(res, 'validation_failed');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { parameter: 'id', detail: expect.any(String) },
        { pointer: '/title', detail: expect.any(String) },
      ]),
    );
  });

  it('hands the domain the query coerced to its types, with defaults applied', async () => {
    let received: ListTasksQuery | undefined;
    const list = async (_actor: unknown, query: ListTasksQuery) => {
      received = query;
      return { data: [], nextCursor: null };
    };
    const { app } = testApp(fakeDomain({ tasks: { list } }));
    const res = await app.request('/tasks?limit=5&status=done', { headers: bearer('valid') });
    expect(res.status).toBe(200);
    expect(received).toEqual({ limit: 5, status: 'done', sort: '-createdAt' });
  });

  it('rejects a query parameter given twice', async () => {
    const { app } = testApp(fakeDomain());
    const res = await app.request('/tasks?status=done&status=todo', { headers: bearer('valid') });
    const body = await expectProblemResponse(res, 'validation_failed');
    expect(body.errors?.map((e) => e.parameter)).toContain('status');
  });
});
