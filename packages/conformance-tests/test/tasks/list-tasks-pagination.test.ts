import type { Task } from '@rosetta/shared-contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTask, registerUser, walk, type TestUser } from '../support/api.js';
import { expectSorted } from '../support/ordering.js';
import { expectInvalidParameter } from '../support/problems.js';

/** Lowercase letters only, so every collation sorts them alike: `aa`, `ab`, … */
const letters = (n: number) => String.fromCharCode(97 + Math.floor(n / 26), 97 + (n % 26));

describe('GET /tasks pagination', () => {
  let alice: TestUser;
  let existing: Task[];

  beforeAll(async () => {
    alice = await registerUser('pages');
    existing = [];
    // Every other letter pair, so tasks added during a walk can land between them.
    for (let i = 0; i < 25; i++)
      existing.push((await createTask(alice, { title: `t${letters(i * 2 + 1)}` })).task);
  });

  it('returns 20 tasks and a nextCursor by default, and the rest on the next page with a null cursor', async () => {
    const first = await alice.api.get('/tasks');
    expect(first.body.data).toHaveLength(20);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await alice.api.get('/tasks', { query: { cursor: first.body.nextCursor } });
    expect(second.body.data.length).toBeGreaterThanOrEqual(5);
    const ids = [...first.body.data, ...second.body.data].map((t: Task) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('honours limit 1 and limit 100', async () => {
    const one = await alice.api.get('/tasks', { query: { limit: 1 } });
    expect(one.body.data).toHaveLength(1);
    expect(one.body.nextCursor).toEqual(expect.any(String));
    const hundred = await alice.api.get('/tasks', { query: { limit: 100 } });
    expect(hundred.body.data.length).toBeGreaterThanOrEqual(25);
    expect(hundred.body.nextCursor).toBeNull();
  });

  it('returns 422 naming limit for 0, 101, a fraction or a word', async () => {
    for (const limit of ['0', '101', '1.5', 'ten']) {
      expectInvalidParameter(await alice.api.get('/tasks', { query: { limit } }), 'limit');
    }
  });

  it('walks every page with no duplicates or gaps, in order', async () => {
    const { items, pages } = await walk<Task>(alice.api, '/tasks', { sort: 'title', limit: 7 });
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(items.map((t) => t.id)).toEqual(
      [...existing].sort((a, b) => (a.title < b.title ? -1 : 1)).map((t) => t.id),
    );
  });

  it.each(['-createdAt', 'title'] as const)(
    'neither repeats nor skips existing tasks while others are added during a walk (sort=%s)',
    async (sort) => {
      const bob = await registerUser('pages');
      const before: Task[] = [];
      for (let i = 0; i < 15; i++)
        before.push((await createTask(bob, { title: `t${letters(i * 2 + 1)}` })).task);
      let n = 0;
      const { items } = await walk<Task>(bob.api, '/tasks', { sort, limit: 4 }, async () => {
        // Land new tasks both before and after the walk's position.
        await Promise.all([
          createTask(bob, { title: `t${letters(n++ * 2)}` }),
          createTask(bob, { title: `t${letters(48 - n * 2)}` }),
        ]);
      });
      const ids = items.map((t) => t.id);
      expect(new Set(ids).size, 'no task twice').toBe(ids.length);
      for (const task of before) expect(ids, `${task.title} is listed`).toContain(task.id);
      expectSorted(
        sort,
        items.filter((t) => before.some((b) => b.id === t.id)),
      );
    },
  );

  // The longest cursors: a title sort, with titles of 200 characters that each take two UTF-16 units
  // and four bytes of UTF-8. Every cursor the API hands out, it must take back.
  it('walks pages sorted by title when every title is 200 characters outside the BMP', async () => {
    const owner = await registerUser('long-titles');
    const titles = [0, 1, 2].map((i) => String.fromCodePoint(0x1f600 + i).repeat(200));
    for (const title of titles) await createTask(owner, { title });
    const { items, pages } = await walk<Task>(owner.api, '/tasks', { sort: 'title', limit: 1 });
    expect(pages).toBe(3);
    // In whatever order the database's collation puts emoji; each once.
    expect(items.map((t) => t.title).sort()).toEqual([...titles].sort());
  });

  it('returns 422 naming cursor for a cursor used with another sort', async () => {
    const first = await alice.api.get('/tasks', { query: { sort: 'title', limit: 2 } });
    const res = await alice.api.get('/tasks', {
      query: { sort: '-title', cursor: first.body.nextCursor },
    });
    expectInvalidParameter(res, 'cursor');
  });

  it('returns 422 naming cursor for a cursor it never issued', async () => {
    expectInvalidParameter(
      await alice.api.get('/tasks', { query: { cursor: 'not-a-cursor' } }),
      'cursor',
    );
    expectInvalidParameter(
      await alice.api.get('/tasks', { query: { cursor: 'eyJmb28iOiJiYXIifQ' } }),
      'cursor',
    );
  });
});
