import type { Task } from '@rosetta/shared-contract';
import { describe, expect, it } from 'vitest';
import { registerUser } from '../support/api.js';
import { expectInvalidBody } from '../support/problems.js';

const MILLIS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('POST /tasks', () => {
  it('returns 201 with the task, Location /tasks/<id> and an ETag that GET agrees with', async () => {
    const alice = await registerUser('create');
    const res = await alice.api.post<Task>('/tasks', { json: { title: 'Write the report' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/tasks/${res.body.id}`);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    const got = await alice.api.get(`/tasks/${res.body.id}`);
    expect(got.body).toEqual(res.body);
    expect(got.headers.get('etag')).toBe(etag);
  });

  it('fills in the defaults: status todo, priority medium, no description, no due date', async () => {
    const alice = await registerUser('create');
    const res = await alice.api.post<Task>('/tasks', { json: { title: 'Defaults' } });
    expect(res.body).toMatchObject({
      title: 'Defaults',
      status: 'todo',
      priority: 'medium',
      description: null,
      dueDate: null,
    });
  });

  it('stores every field it is given', async () => {
    const alice = await registerUser('create');
    const body = {
      title: 'Everything',
      description: 'All the fields',
      status: 'in_progress',
      priority: 'high',
      dueDate: '2030-05-01T12:00:00.000Z',
    } as const;
    const res = await alice.api.post<Task>('/tasks', { json: body });
    expect(res.body).toMatchObject(body);
  });

  it('answers timestamps in UTC with millisecond precision, whatever offset the client used', async () => {
    const alice = await registerUser('create');
    const res = await alice.api.post<Task>('/tasks', {
      json: { title: 'Offsets', dueDate: '2030-05-01T14:00:00+02:00' },
    });
    expect(res.body.dueDate).toBe('2030-05-01T12:00:00.000Z');
    for (const stamp of [
      res.body.createdAt,
      res.body.updatedAt,
      alice.user.createdAt,
      alice.user.updatedAt,
    ]) {
      expect(stamp).toMatch(MILLIS_UTC);
    }
  });

  it('gives 20 tasks created in parallel 20 distinct ids, all listed', async () => {
    const alice = await registerUser('create');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        alice.api.post<Task>('/tasks', { json: { title: `Parallel ${i}` } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const ids = new Set(results.map((r) => r.body.id));
    expect(ids.size).toBe(20);
    const listed = await alice.api.get('/tasks', { query: { limit: 100 } });
    expect(new Set(listed.body.data.map((t: Task) => t.id))).toEqual(ids);
  });

  it('returns 422 for id, ownerId or timestamps in the body: the server owns those', async () => {
    const alice = await registerUser('create');
    const bob = await registerUser('create');
    expectInvalidBody(
      await alice.api.post('/tasks', { json: { title: 'x', ownerId: bob.user.id } }),
      '/ownerId',
    );
    expectInvalidBody(
      await alice.api.post('/tasks', {
        json: { title: 'x', id: '00000000-0000-4000-8000-000000000000' },
      }),
      '/id',
    );
    expectInvalidBody(
      await alice.api.post('/tasks', {
        json: { title: 'x', createdAt: '2020-01-01T00:00:00.000Z' },
      }),
      '/createdAt',
    );
    expect((await bob.api.get('/tasks')).body.data).toEqual([]);
  });
});
