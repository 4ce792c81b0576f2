import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { ListTasksQuery } from '@rosetta/domain';
import { expectProblem, fakeDomain } from '@rosetta/test-support';
import { testApp } from '../support/app.js';

describe('ContractValidationPipe', () => {
  it('lists every body violation with a JSON Pointer', async () => {
    const { server } = await testApp(fakeDomain());
    const res = await request(server)
      .post('/auth/register')
      .send({ email: 'not-an-email', name: ' ', extra: 1 });
    expectProblem(res, 'validation_failed');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/email', detail: expect.any(String) },
        { pointer: '/password', detail: 'is required' },
        { pointer: '/name', detail: 'must not be blank' },
        { pointer: '/extra', detail: 'is not an accepted property' },
      ]),
    );
  });

  it('names the query and path parameters that break the contract', async () => {
    const { server } = await testApp(fakeDomain());
    const query = await request(server)
      .get('/tasks?limit=0&sort=random')
      .auth('valid', { type: 'bearer' });
    expectProblem(query, 'validation_failed');
    expect(query.body.errors.map((e: { parameter: string }) => e.parameter).sort()).toEqual([
      'limit',
      'sort',
    ]);
    const path = await request(server).get('/tasks/42').auth('valid', { type: 'bearer' });
    expect(path.body.errors).toEqual([{ parameter: 'id', detail: 'must match format "uuid"' }]);
  });

  it('hands the domain the query coerced to its types, with defaults applied', async () => {
    let received: ListTasksQuery | undefined;
    const list = async (_actor: unknown, query: ListTasksQuery) => {
      received = query;
      return { data: [], nextCursor: null };
    };
    const { server } = await testApp(fakeDomain({ tasks: { list } }));
    const res = await request(server)
      .get('/tasks?limit=5&status=done')
      .auth('valid', { type: 'bearer' });
    expect(res.status).toBe(200);
    expect(received).toEqual({ limit: 5, status: 'done', sort: '-createdAt' });
  });
});
