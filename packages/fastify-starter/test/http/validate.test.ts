import { describe, expect, it } from 'vitest';
import type { ListTasksQuery } from '@rosetta/domain';
import { expectProblem, fakeDomain } from '@rosetta/test-support';
import { testApp } from '../support/app.js';

const bearer = { authorization: 'Bearer valid' };

describe('route schemas', () => {
  it('list every body violation with a JSON Pointer', async () => {
    const { app } = testApp(fakeDomain());
    const res = await app.inject({
      method: 'POST',
      url: '/auth/register',
      payload: { email: 'not-an-email', name: ' ', extra: 1 },
    });
    expectProblem(res, 'validation_failed');
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        { pointer: '/email', detail: expect.any(String) },
        { pointer: '/password', detail: 'is required' },
        { pointer: '/name', detail: 'must not be blank' },
        { pointer: '/extra', detail: 'is not an accepted property' },
      ]),
    );
  });

  it('reject body values of the wrong type instead of coercing them', async () => {
    const { app } = testApp(fakeDomain());
    const res = await app.inject({
      method: 'POST',
      url: '/tasks',
      headers: bearer,
      payload: { title: 42 },
    });
    expectProblem(res, 'validation_failed');
    expect(res.json().errors).toContainEqual({ pointer: '/title', detail: 'must be string' });
  });

  it('name the query and path parameters that break the contract', async () => {
    const { app } = testApp(fakeDomain());
    const query = await app.inject({ url: '/tasks?limit=0&sort=random', headers: bearer });
    expectProblem(query, 'validation_failed');
    expect(
      query
        .json()
        .errors.map((e: { parameter: string }) => e.parameter)
        .sort(),
    ).toEqual(['limit', 'sort']);
    const path = await app.inject({ url: '/tasks/42', headers: bearer });
    expect(path.json().errors).toEqual([{ parameter: 'id', detail: 'must match format "uuid"' }]);
  });

  it('hand the domain the query coerced to its types, with defaults applied', async () => {
    let received: ListTasksQuery | undefined;
    const list = async (_actor: unknown, query: ListTasksQuery) => {
      received = query;
      return { data: [], nextCursor: null };
    };
    const { app } = testApp(fakeDomain({ tasks: { list } }));
    const res = await app.inject({ url: '/tasks?limit=5&status=done', headers: bearer });
    expect(res.statusCode).toBe(200);
    expect(received).toEqual({ limit: 5, status: 'done', sort: '-createdAt' });
  });
});
