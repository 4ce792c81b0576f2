import type { Task } from '@rosetta/shared-contract';
import { expect } from 'vitest';

export const sorts = [
  'createdAt',
  '-createdAt',
  'dueDate',
  '-dueDate',
  'priority',
  '-priority',
  'title',
  '-title',
] as const;
export type Sort = (typeof sorts)[number];

const PRIORITY_RANK = { low: 0, medium: 1, high: 2 } as const;

/** Compares two tasks by a sort key alone (ties are 0); tasks without a due date sort last either way. */
export function compareByKey(sort: Sort, a: Task, b: Task): number {
  const descending = sort.startsWith('-');
  const key = sort.replace(/^-/, '') as 'createdAt' | 'dueDate' | 'priority' | 'title';
  if (key === 'dueDate' && (a.dueDate === null || b.dueDate === null)) {
    return (a.dueDate === null ? 1 : 0) - (b.dueDate === null ? 1 : 0);
  }
  let order: number;
  if (key === 'priority') order = PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
  else if (key === 'title') order = a.title < b.title ? -1 : a.title > b.title ? 1 : 0;
  else order = Date.parse(a[key]!) - Date.parse(b[key]!);
  return descending ? -order : order;
}

/**
 * The listing is in `sort` order, with ties broken by id: ascending for ascending sorts; for descending
 * ones the contract does not say which way, so either, as long as it is the same throughout.
 */
export function expectSorted(sort: Sort, tasks: readonly Task[]): void {
  const tieDirections = new Set<number>();
  for (let i = 1; i < tasks.length; i++) {
    const [a, b] = [tasks[i - 1]!, tasks[i]!];
    const order = compareByKey(sort, a, b);
    expect(
      order,
      `${sort}: ${describe(a, sort)} must not come before ${describe(b, sort)}`,
    ).toBeLessThanOrEqual(0);
    if (order === 0) {
      expect(a.id, 'ties never repeat a task').not.toBe(b.id);
      tieDirections.add(a.id < b.id ? 1 : -1);
    }
  }
  const allowed = sort.startsWith('-') ? [[1], [-1]] : [[1]];
  expect(allowed.map(String), `${sort}: ties are broken by id, one way throughout`).toContain(
    [...tieDirections].join(',') || allowed[0]!.join(','),
  );
}

function describe(task: Task, sort: Sort): string {
  const key = sort.replace(/^-/, '') as keyof Task;
  return `${task.title} (${String(task[key])}, ${task.id})`;
}
