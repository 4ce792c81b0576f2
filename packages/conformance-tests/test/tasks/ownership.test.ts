import { beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@rosetta/shared-contract';
import { createTask, registerUser, type TestUser } from '../support/api.js';
import { expectProblem } from '../support/problems.js';

describe("another user's task", () => {
  let alice: TestUser;
  let bob: TestUser;
  let task: Task;
  beforeAll(async () => {
    [alice, bob] = await Promise.all([registerUser('owner'), registerUser('intruder')]);
    ({ task } = await createTask(alice, { title: 'Private', description: 'Only Alice sees this' }));
  });

  it('is 404 not_found to GET, exactly like a task that does not exist', async () => {
    const res = await bob.api.get(`/tasks/${task.id}`);
    expectProblem(res, 404, 'not_found');
    expect(res.text).not.toContain('Private');
  });

  it('is 404 not_found to PATCH, and stays unchanged', async () => {
    expectProblem(
      await bob.api.patch(`/tasks/${task.id}`, { json: { title: 'Hijacked' } }),
      404,
      'not_found',
    );
    expect((await alice.api.get(`/tasks/${task.id}`)).body.title).toBe('Private');
  });

  it('is 404 not_found to DELETE, and survives', async () => {
    expectProblem(await bob.api.delete(`/tasks/${task.id}`), 404, 'not_found');
    expect((await alice.api.get(`/tasks/${task.id}`)).status).toBe(200);
  });

  it("never shows up in the other user's list or search", async () => {
    const res = await bob.api.get('/tasks', { query: { q: 'Private', limit: 100 } });
    expect(res.body.data).toEqual([]);
  });
});
