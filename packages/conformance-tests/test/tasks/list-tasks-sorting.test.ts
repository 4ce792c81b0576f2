import type { Task } from '@rosetta/shared-contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTask, registerUser, walk, type TestUser } from '../support/api.js';
import { expectSorted, sorts } from '../support/ordering.js';
import { expectInvalidParameter } from '../support/problems.js';

// Titles of lowercase letters only, so every database collation orders them the same way. Duplicate
// titles, priorities and due dates make ties, and some tasks have no due date.
const seeds = [
  { title: 'pear', priority: 'high', dueDate: '2030-03-01T00:00:00.000Z' },
  { title: 'apple', priority: 'low', dueDate: null },
  { title: 'fig', priority: 'medium', dueDate: '2030-01-01T00:00:00.000Z' },
  { title: 'apple', priority: 'high', dueDate: '2030-03-01T00:00:00.000Z' },
  { title: 'banana', priority: 'medium', dueDate: null },
  { title: 'kiwi', priority: 'low', dueDate: '2030-02-01T00:00:00.000Z' },
  { title: 'cherry', priority: 'high', dueDate: '2030-01-01T00:00:00.000Z' },
  { title: 'applepie', priority: 'medium', dueDate: '2030-02-01T00:00:00.000Z' },
  { title: 'date', priority: 'low', dueDate: null },
] as const;

describe('GET /tasks sorting', () => {
  let alice: TestUser;
  let created: Task[];

  beforeAll(async () => {
    alice = await registerUser('sorting');
    created = [];
    // One at a time, so creation order is createdAt order.
    for (const seed of seeds) created.push((await createTask(alice, seed)).task);
  });

  it('sorts newest first by default', async () => {
    const res = await alice.api.get('/tasks');
    expect(res.body.data.map((t: Task) => t.id)).toEqual(created.map((t) => t.id).reverse());
  });

  it.each(sorts)('walks sort=%s in order, ties broken by id, across pages of 2', async (sort) => {
    const { items } = await walk<Task>(alice.api, '/tasks', { sort, limit: 2 });
    expect(items.map((t) => t.id).sort()).toEqual(created.map((t) => t.id).sort());
    expectSorted(sort, items);
  });

  it('orders priority as low < medium < high, not alphabetically', async () => {
    const res = await alice.api.get('/tasks', { query: { sort: 'priority', limit: 100 } });
    const priorities: string[] = res.body.data.map((t: Task) => t.priority);
    expect(priorities.indexOf('medium')).toBeGreaterThan(priorities.lastIndexOf('low'));
    expect(priorities.indexOf('high')).toBeGreaterThan(priorities.lastIndexOf('medium'));
  });

  it('puts tasks without a due date last in both directions', async () => {
    for (const sort of ['dueDate', '-dueDate']) {
      const res = await alice.api.get('/tasks', { query: { sort, limit: 100 } });
      const dues: (string | null)[] = res.body.data.map((t: Task) => t.dueDate);
      expect(dues.slice(-3), sort).toEqual([null, null, null]);
    }
  });

  it('returns 422 naming sort for a sort key it does not offer', async () => {
    expectInvalidParameter(await alice.api.get('/tasks', { query: { sort: 'owner' } }), 'sort');
    expectInvalidParameter(await alice.api.get('/tasks', { query: { sort: '+title' } }), 'sort');
  });
});
