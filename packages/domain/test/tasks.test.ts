import { describe, expect, it } from 'vitest';
import type { Task } from '@rosetta/shared-contract';
import type { ListTasksQuery, Principal } from '../src/index.js';
import { newUser, useDomain } from './support/domain.js';

const ctx = useDomain();

async function walk(actor: Principal, query: ListTasksQuery): Promise<Task[]> {
  const all: Task[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.domain.tasks.list(actor, { ...query, cursor });
    all.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

const RANK = { low: 0, medium: 1, high: 2 } as const;

describe('listing tasks', () => {
  it.each([
    'createdAt',
    '-createdAt',
    'dueDate',
    '-dueDate',
    'priority',
    '-priority',
    'title',
    '-title',
  ] as const)('walks every task exactly once, in order, sorted by %s', async (sort) => {
    const { principal } = await newUser(ctx.domain);
    const priorities = ['low', 'medium', 'high'] as const;
    for (let i = 0; i < 11; i++) {
      await ctx.domain.tasks.create(principal, {
        title: `Task ${String.fromCharCode(97 + ((i * 7) % 11))}`,
        priority: priorities[i % 3],
        // Every third task has no due date; two share one, to exercise ties.
        dueDate: i % 3 === 0 ? null : new Date(Date.UTC(2030, 0, 1 + (i % 5))).toISOString(),
      });
    }
    const tasks = await walk(principal, { sort, limit: 3 });
    expect(tasks).toHaveLength(11);
    expect(new Set(tasks.map((t) => t.id)).size).toBe(11);

    const key = sort.replace('-', '') as 'createdAt' | 'dueDate' | 'priority' | 'title';
    const sign = sort.startsWith('-') ? -1 : 1;
    for (let i = 1; i < tasks.length; i++) {
      const [a, b] = [tasks[i - 1]!, tasks[i]!];
      if (key === 'dueDate' && (a.dueDate === null || b.dueDate === null)) {
        // Undated tasks come last whichever the direction.
        expect(a.dueDate === null && b.dueDate !== null).toBe(false);
        continue;
      }
      const cmp =
        key === 'priority'
          ? RANK[a.priority] - RANK[b.priority]
          : String(a[key]).localeCompare(String(b[key]));
      if (key !== 'title') expect(sign * cmp).toBeLessThanOrEqual(0);
    }
  });

  it('neither repeats nor skips existing tasks while others are being added', async () => {
    const { principal } = await newUser(ctx.domain);
    const before: string[] = [];
    for (let i = 0; i < 10; i++)
      before.push((await ctx.domain.tasks.create(principal, { title: `Old ${i}` })).task.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await ctx.domain.tasks.list(principal, { sort: 'createdAt', limit: 3, cursor });
      seen.push(...page.data.map((t) => t.id));
      await ctx.domain.tasks.create(principal, { title: 'Added during the walk' });
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    // Each pre-existing task exactly once (tasks made in the same millisecond order by id, not by age).
    const existing = seen.filter((id) => before.includes(id));
    expect(existing).toHaveLength(before.length);
    expect(new Set(existing)).toEqual(new Set(before));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters by status, priority, text and due window together', async () => {
    const { principal } = await newUser(ctx.domain);
    const make = (title: string, extra = {}) =>
      ctx.domain.tasks.create(principal, { title, ...extra });
    await make('Pay 100% of the invoice', {
      status: 'done',
      priority: 'high',
      dueDate: '2030-05-10T00:00:00Z',
    });
    await make('Pay 100 of the invoice', {
      status: 'done',
      priority: 'high',
      dueDate: '2030-05-10T00:00:00Z',
    });
    await make('Pay 100% later', {
      status: 'todo',
      priority: 'high',
      dueDate: '2030-05-10T00:00:00Z',
    });
    await make('Other', { description: 'mentions 100% too', status: 'done', priority: 'high' });

    const found = await walk(principal, {
      status: 'done',
      priority: 'high',
      q: '100%',
      dueAfter: '2030-05-01T00:00:00Z',
      dueBefore: '2030-05-20T00:00:00Z',
    });
    expect(found.map((t) => t.title)).toEqual(['Pay 100% of the invoice']);
  });

  it('refuses a cursor issued for another sort, and one that was tampered with', async () => {
    const { principal } = await newUser(ctx.domain);
    for (let i = 0; i < 3; i++) await ctx.domain.tasks.create(principal, { title: `T${i}` });
    const { nextCursor } = await ctx.domain.tasks.list(principal, { sort: 'title', limit: 1 });
    await expect(
      ctx.domain.tasks.list(principal, { sort: 'dueDate', cursor: nextCursor! }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      errors: [{ parameter: 'cursor' }],
    });
    const forged = Buffer.from(
      JSON.stringify({ s: 'createdAt', v: 'yesterday', id: 'x' }),
    ).toString('base64url');
    await expect(
      ctx.domain.tasks.list(principal, { sort: 'createdAt', cursor: forged }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  // A starter validates `sort` against the contract first; the domain must not depend on that, since
  // the key picks a column that goes into the SQL as text.
  it.each(['constructor', '__proto__', 'password_hash', '--title', 'title; DROP TABLE tasks'])(
    'refuses the sort %j itself, as a 422 on the sort parameter',
    async (sort) => {
      const { principal } = await newUser(ctx.domain);
      await expect(
        ctx.domain.tasks.list(principal, { sort: sort as 'title' }),
      ).rejects.toMatchObject({ code: 'validation_failed', errors: [{ parameter: 'sort' }] });
    },
  );

  it('shows only the caller’s own tasks', async () => {
    const owner = await newUser(ctx.domain);
    const other = await newUser(ctx.domain);
    const { task } = await ctx.domain.tasks.create(owner.principal, { title: 'Private' });
    expect((await walk(other.principal, {})).map((t) => t.id)).not.toContain(task.id);
    await expect(ctx.domain.tasks.get(other.principal, task.id)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      ctx.domain.tasks.update(other.principal, task.id, { title: 'Mine' }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(ctx.domain.tasks.remove(other.principal, task.id)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('updating a task', () => {
  it('bumps the version on every change', async () => {
    const { principal } = await newUser(ctx.domain);
    const created = await ctx.domain.tasks.create(principal, { title: 'Draft' });
    const updated = await ctx.domain.tasks.update(principal, created.task.id, {
      status: 'in_progress',
    });
    expect(updated.version).toBe(created.version + 1);
    expect(updated.task).toMatchObject({ title: 'Draft', status: 'in_progress' });
  });

  it('applies only when the expected version is current', async () => {
    const { principal } = await newUser(ctx.domain);
    const { task, version } = await ctx.domain.tasks.create(principal, { title: 'Draft' });
    await ctx.domain.tasks.update(principal, task.id, { title: 'First' }, [version]);
    await expect(
      ctx.domain.tasks.update(principal, task.id, { title: 'Second' }, [version]),
    ).rejects.toMatchObject({
      code: 'precondition_failed',
    });
    await expect(
      ctx.domain.tasks.update(principal, task.id, { title: 'Third' }, []),
    ).rejects.toMatchObject({
      code: 'precondition_failed',
    });
    await expect(
      ctx.domain.tasks.update(principal, task.id, { title: 'Any' }, '*'),
    ).resolves.toMatchObject({
      version: version + 2,
    });
  });

  it('lets one of two concurrent updates from the same version win', async () => {
    const { principal } = await newUser(ctx.domain);
    const { task, version } = await ctx.domain.tasks.create(principal, { title: 'Contended' });
    const results = await Promise.allSettled(
      ['A', 'B'].map((title) => ctx.domain.tasks.update(principal, task.id, { title }, [version])),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('clears the description and due date with null', async () => {
    const { principal } = await newUser(ctx.domain);
    const { task } = await ctx.domain.tasks.create(principal, {
      title: 'Dated',
      description: 'Some words',
      dueDate: '2031-01-01T12:00:00+02:00',
    });
    expect(task.dueDate).toBe('2031-01-01T10:00:00.000Z');
    const { task: cleared } = await ctx.domain.tasks.update(principal, task.id, {
      description: null,
      dueDate: null,
    });
    expect(cleared).toMatchObject({ description: null, dueDate: null });
  });
});

describe('cursors that were not issued by this listing', () => {
  it.each([
    ['a title with a NUL character', { s: 'title', v: 'a\u0000b' }],
    ['a title with an unpaired surrogate', { s: 'title', v: 'a\ud800' }],
    ['a date that is not an ISO instant', { s: 'createdAt', v: '2024-01-01 garbage' }],
    ['a priority that does not exist', { s: 'priority', v: 'urgent' }],
  ])('are refused when they hold %s', async (_, cursor) => {
    const { principal } = await newUser(ctx.domain);
    const raw = Buffer.from(
      JSON.stringify({ ...cursor, id: '00000000-0000-4000-8000-000000000000' }),
    ).toString('base64url');
    await expect(
      ctx.domain.tasks.list(principal, { sort: cursor.s as 'title', cursor: raw }),
    ).rejects.toMatchObject({ code: 'validation_failed', errors: [{ parameter: 'cursor' }] });
  });
});

describe('due dates at the ends of the range', () => {
  it('walks past tasks due in years 0000 and 9999 in both directions', async () => {
    const { principal } = await newUser(ctx.domain);
    const dueDates = [
      '0000-01-01T00:00:00.000Z',
      '0000-06-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
    ];
    for (const dueDate of dueDates)
      await ctx.domain.tasks.create(principal, { title: dueDate, dueDate });
    for (const sort of ['dueDate', '-dueDate'] as const) {
      const tasks = await walk(principal, { sort, limit: 1 });
      const expected = sort === 'dueDate' ? dueDates : [...dueDates].reverse();
      expect(tasks.map((t) => t.dueDate)).toEqual(expected);
    }
  });
});
