import { describe, expect, it } from 'vitest';
import { createTask, randomId, registerUser } from '../support/api.js';
import { expectInvalidParameter, expectProblem } from '../support/problems.js';

describe('GET /tasks/{id}', () => {
  it('returns 200 with the task and its ETag', async () => {
    const alice = await registerUser('get');
    const { task, etag } = await createTask(alice, { title: 'Read me' });
    const res = await alice.api.get(`/tasks/${task.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(task);
    expect(res.headers.get('etag')).toBe(etag);
  });

  it('returns 404 not_found for an id no task has', async () => {
    const alice = await registerUser('get');
    expectProblem(await alice.api.get(`/tasks/${randomId()}`), 404, 'not_found');
  });

  it('returns 422 naming id for an id that is not a UUID', async () => {
    const alice = await registerUser('get');
    expectInvalidParameter(await alice.api.get('/tasks/not-a-uuid'), 'id');
  });
});
