import { describe, expect, it } from 'vitest';
import { createTask, registerUser } from '../support/api.js';
import { expectInvalidParameter, expectProblem } from '../support/problems.js';

describe('DELETE /tasks/{id}', () => {
  it('returns 204, after which the task is 404 and no longer listed', async () => {
    const alice = await registerUser('delete');
    const { task } = await createTask(alice);
    const kept = await createTask(alice);
    expect((await alice.api.delete(`/tasks/${task.id}`)).status).toBe(204);
    expectProblem(await alice.api.get(`/tasks/${task.id}`), 404, 'not_found');
    expect((await alice.api.get('/tasks')).body.data.map((t: { id: string }) => t.id)).toEqual([
      kept.task.id,
    ]);
  });

  it('returns 404 not_found the second time', async () => {
    const alice = await registerUser('delete');
    const { task } = await createTask(alice);
    expect((await alice.api.delete(`/tasks/${task.id}`)).status).toBe(204);
    expectProblem(await alice.api.delete(`/tasks/${task.id}`), 404, 'not_found');
  });

  it('returns 422 naming id for an id that is not a UUID', async () => {
    const alice = await registerUser('delete');
    expectInvalidParameter(await alice.api.delete('/tasks/12345'), 'id');
  });
});
