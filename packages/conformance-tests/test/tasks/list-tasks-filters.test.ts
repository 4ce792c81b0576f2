import type { Task, TaskPriority, TaskStatus } from '@rosetta/shared-contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTask, registerUser, type TestUser } from '../support/api.js';
import { expectInvalidParameter } from '../support/problems.js';

type Seed = {
  title: string;
  description?: string;
  status: TaskStatus;
  priority: TaskPriority;
  dueDate?: string;
};

// One small world whose every filter answer is known; names are the keys used below.
const seeds = {
  milk: { title: 'Buy milk', status: 'todo', priority: 'low', dueDate: '2030-01-01T00:00:00.000Z' },
  report: {
    title: 'Write REPORT',
    description: 'quarterly numbers',
    status: 'in_progress',
    priority: 'high',
    dueDate: '2030-01-02T00:00:00.000Z',
  },
  percent: { title: '100% done', status: 'done', priority: 'medium' },
  hundred: {
    title: '100 percent',
    description: 'nothing special',
    status: 'todo',
    priority: 'high',
    dueDate: '2030-01-03T00:00:00.000Z',
  },
  snake: {
    title: 'snake_case',
    status: 'todo',
    priority: 'medium',
    dueDate: '2030-01-02T00:00:00.000Z',
  },
  camel: {
    title: 'snakeXcase',
    description: 'a Report hides here',
    status: 'done',
    priority: 'low',
  },
} satisfies Record<string, Seed>;
type Name = keyof typeof seeds;

describe('GET /tasks filters', () => {
  let alice: TestUser;
  const ids = {} as Record<Name, string>;
  const names = new Map<string, Name>();

  beforeAll(async () => {
    alice = await registerUser('filters');
    for (const [name, seed] of Object.entries(seeds) as [Name, Seed][]) {
      const { task } = await createTask(alice, seed);
      ids[name] = task.id;
      names.set(task.id, name);
    }
  });

  async function matching(query: Record<string, string>): Promise<Name[]> {
    const res = await alice.api.get('/tasks', { query: { ...query, limit: 100 } });
    expect(res.status).toBe(200);
    return res.body.data.map((t: Task) => names.get(t.id)).sort();
  }

  it('lists all of the caller’s tasks without filters', async () => {
    expect(await matching({})).toEqual(Object.keys(seeds).sort());
  });

  it('filters by status', async () => {
    expect(await matching({ status: 'todo' })).toEqual(['hundred', 'milk', 'snake']);
    expect(await matching({ status: 'done' })).toEqual(['camel', 'percent']);
  });

  it('filters by priority', async () => {
    expect(await matching({ priority: 'high' })).toEqual(['hundred', 'report']);
  });

  it('combines filters with AND', async () => {
    expect(await matching({ status: 'todo', priority: 'high' })).toEqual(['hundred']);
    expect(await matching({ status: 'done', priority: 'high' })).toEqual([]);
  });

  it('searches title and description with q, ignoring case', async () => {
    expect(await matching({ q: 'report' })).toEqual(['camel', 'report']);
    expect(await matching({ q: 'REPORT' })).toEqual(['camel', 'report']);
    expect(await matching({ q: 'Quarterly' })).toEqual(['report']);
  });

  it('takes % and _ in q literally, not as wildcards', async () => {
    expect(await matching({ q: '%' })).toEqual(['percent']);
    expect(await matching({ q: '100%' })).toEqual(['percent']);
    expect(await matching({ q: '_' })).toEqual(['snake']);
    expect(await matching({ q: 'e_c' })).toEqual(['snake']);
  });

  it('keeps only tasks due strictly before dueBefore', async () => {
    expect(await matching({ dueBefore: '2030-01-02T00:00:00.000Z' })).toEqual(['milk']);
  });

  it('keeps only tasks due strictly after dueAfter', async () => {
    expect(await matching({ dueAfter: '2030-01-02T00:00:00.000Z' })).toEqual(['hundred']);
  });

  it('combines dueAfter and dueBefore into a window, leaving out tasks with no due date', async () => {
    expect(
      await matching({ dueAfter: '2029-12-31T00:00:00Z', dueBefore: '2030-01-03T00:00:00.000Z' }),
    ).toEqual(['milk', 'report', 'snake']);
  });

  it('reads instants with an offset as the same instant', async () => {
    expect(await matching({ dueBefore: '2030-01-02T01:00:00+01:00' })).toEqual(['milk']);
  });

  it('returns 422 naming the parameter for a status or priority outside the enum', async () => {
    expectInvalidParameter(await alice.api.get('/tasks', { query: { status: 'later' } }), 'status');
    expectInvalidParameter(
      await alice.api.get('/tasks', { query: { priority: 'urgent' } }),
      'priority',
    );
  });

  it('returns 422 naming the parameter for a dueBefore or dueAfter that is not a date-time', async () => {
    expectInvalidParameter(
      await alice.api.get('/tasks', { query: { dueBefore: 'tomorrow' } }),
      'dueBefore',
    );
    expectInvalidParameter(
      await alice.api.get('/tasks', { query: { dueAfter: '2030-01-01' } }),
      'dueAfter',
    );
  });

  it('accepts q of 1 and 200 characters, and answers 422 for an empty q or one of 201', async () => {
    expect((await alice.api.get('/tasks', { query: { q: 'x' } })).status).toBe(200);
    expect((await alice.api.get('/tasks', { query: { q: 'x'.repeat(200) } })).status).toBe(200);
    expectInvalidParameter(await alice.api.get('/tasks', { query: { q: '' } }), 'q');
    expectInvalidParameter(await alice.api.get('/tasks', { query: { q: 'x'.repeat(201) } }), 'q');
  });

  it('returns 422 naming the parameter for an impossible date', async () => {
    expectInvalidParameter(
      await alice.api.get('/tasks', { query: { dueBefore: '2030-02-30T00:00:00Z' } }),
      'dueBefore',
    );
  });

  it('answers q with a NUL character with 200 or 422, never a server error', async () => {
    const res = await alice.api.get('/tasks', { query: { q: 'a\u0000b' } });
    expect([200, 422]).toContain(res.status);
    if (res.status === 200) expect(res.body.data).toEqual([]);
  });
});
