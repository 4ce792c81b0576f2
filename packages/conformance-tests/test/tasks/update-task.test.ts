import type { Task } from '@rosetta/shared-contract';
import { describe, expect, it } from 'vitest';
import { createTask, randomId, registerUser } from '../support/api.js';
import { expectInvalidBody, expectInvalidParameter, expectProblem } from '../support/problems.js';

describe('PATCH /tasks/{id}', () => {
  it('returns 200 with the change applied, other fields kept, and a new ETag', async () => {
    const alice = await registerUser('update');
    const { task, etag } = await createTask(alice, {
      title: 'Before',
      description: 'Keep me',
      priority: 'low',
    });
    const res = await alice.api.patch<Task>(`/tasks/${task.id}`, {
      json: { title: 'After', status: 'done' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ...task,
      title: 'After',
      status: 'done',
      updatedAt: expect.any(String),
    });
    expect(res.headers.get('etag')).not.toBe(etag);
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(task.updatedAt));
    expect((await alice.api.get(`/tasks/${task.id}`)).body).toEqual(res.body);
  });

  it('changes the ETag on every update', async () => {
    const alice = await registerUser('update');
    const { task, etag } = await createTask(alice);
    const seen = new Set([etag]);
    for (const title of ['One', 'Two', 'Three']) {
      const res = await alice.api.patch(`/tasks/${task.id}`, { json: { title } });
      seen.add(res.headers.get('etag')!);
    }
    expect(seen.size).toBe(4);
  });

  it('clears the description and due date with null', async () => {
    const alice = await registerUser('update');
    const { task } = await createTask(alice, {
      title: 'x',
      description: 'd',
      dueDate: '2030-01-01T00:00:00.000Z',
    });
    const res = await alice.api.patch(`/tasks/${task.id}`, {
      json: { description: null, dueDate: null },
    });
    expect(res.body).toMatchObject({ description: null, dueDate: null });
  });

  it('returns 422 for an empty body', async () => {
    const alice = await registerUser('update');
    const { task } = await createTask(alice);
    expectProblem(
      await alice.api.patch(`/tasks/${task.id}`, { json: {} }),
      422,
      'validation_failed',
    );
  });

  it('returns 422 for id, ownerId or createdAt in the body, and changes nothing', async () => {
    const alice = await registerUser('update');
    const bob = await registerUser('update');
    const { task } = await createTask(alice);
    expectInvalidBody(
      await alice.api.patch(`/tasks/${task.id}`, { json: { ownerId: bob.user.id } }),
      '/ownerId',
    );
    expectInvalidBody(
      await alice.api.patch(`/tasks/${task.id}`, { json: { id: randomId() } }),
      '/id',
    );
    expectInvalidBody(
      await alice.api.patch(`/tasks/${task.id}`, {
        json: { title: 'x', createdAt: '2020-01-01T00:00:00.000Z' },
      }),
      '/createdAt',
    );
    expect((await alice.api.get(`/tasks/${task.id}`)).body).toEqual(task);
  });

  it('returns 404 not_found for an id no task has', async () => {
    const alice = await registerUser('update');
    expectProblem(
      await alice.api.patch(`/tasks/${randomId()}`, { json: { title: 'x' } }),
      404,
      'not_found',
    );
  });

  it('returns 422 naming id for an id that is not a UUID', async () => {
    const alice = await registerUser('update');
    expectInvalidParameter(
      await alice.api.patch('/tasks/not-a-uuid', { json: { title: 'x' } }),
      'id',
    );
  });
});
