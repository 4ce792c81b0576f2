import type { TaskPriority } from '@rosetta/shared-contract';
import { InvalidInputError } from '../errors.js';
import type { Values } from '../database/statements.js';
import { type CursorPosition, isInstant, isStorableText } from '../pagination/cursor.js';
import type { TaskRow } from './task-row.js';

export type TaskSortKey = 'createdAt' | 'dueDate' | 'priority' | 'title';
export type TaskSort = TaskSortKey | `-${TaskSortKey}`;

interface SortSpec {
  /** The column, in SQL. */
  column: string;
  /** The same column as a statement's result names it (see TASK_COLUMNS), quoted. */
  property: string;
  /** The SQL type a cursor value is cast to, so Postgres compares it as the column's own type. */
  cast: string;
  nullable: boolean;
  valueOf(task: TaskRow): string | null;
  isValue(value: unknown): value is string | null;
}

const PRIORITIES: readonly TaskPriority[] = ['low', 'medium', 'high'];

const specs: Record<TaskSortKey, SortSpec> = {
  createdAt: {
    column: 'created_at',
    property: '"createdAt"',
    cast: 'timestamptz',
    nullable: false,
    valueOf: (t) => t.createdAt.toISOString(),
    isValue: isInstant,
  },
  dueDate: {
    column: 'due_date',
    property: '"dueDate"',
    cast: 'timestamptz',
    nullable: true,
    valueOf: (t) => t.dueDate?.toISOString() ?? null,
    isValue: (v): v is string | null => v === null || isInstant(v),
  },
  priority: {
    column: 'priority',
    property: '"priority"',
    cast: 'task_priority',
    nullable: false,
    valueOf: (t) => t.priority,
    isValue: (v): v is string => PRIORITIES.includes(v as TaskPriority),
  },
  title: {
    column: 'title',
    property: '"title"',
    cast: 'text',
    nullable: false,
    valueOf: (t) => t.title,
    isValue: (v): v is string => isStorableText(v, 200),
  },
};

const sortKeys = Object.keys(specs);

/**
 * The sort a listing asked for, checked against this allow-list: its column goes into the SQL as text,
 * so the domain never trusts that a starter validated it (an unknown key, or one such as `constructor`
 * that every object has, is a 422, not a statement built from it).
 */
export function parseSort(sort: TaskSort): {
  key: TaskSortKey;
  descending: boolean;
  spec: SortSpec;
} {
  const descending = typeof sort === 'string' && sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  if (typeof key !== 'string' || !Object.hasOwn(specs, key)) {
    throw new InvalidInputError([
      {
        parameter: 'sort',
        detail: `must be one of ${sortKeys.join(', ')}, or one of them after -`,
      },
    ]);
  }
  return { key: key as TaskSortKey, descending, spec: specs[key as TaskSortKey] };
}

/**
 * The ORDER BY of a listing and, given a cursor, the condition that keeps only rows after it: a keyset
 * page. Rows inserted meanwhile land before or after the cursor but never shift the rows already
 * walked, so a walk neither repeats nor skips. Tasks with no due date come last in both directions,
 * which a row comparison cannot express for NULL, hence the explicit branches. The SQL's shape depends
 * on the sort and on whether there is a cursor, never on the cursor's values, which go to `values`.
 */
export function keyset(
  sort: TaskSort,
  after: CursorPosition | undefined,
  values: Values,
): { where: string | undefined; orderBy: string; resultOrder: string } {
  const { descending, spec } = parseSort(sort);
  const direction = descending ? 'DESC' : 'ASC';
  const op = descending ? '<' : '>';
  const { column } = spec;
  const order = (name: string, id: string) =>
    `${name} ${direction}${spec.nullable ? ' NULLS LAST' : ''}, ${id} ${direction}`;
  const orderBy = order(column, 'id');
  // The same order over a subquery's result, whose columns carry the row's property names.
  const resultOrder = order(`t.${spec.property}`, 't.id');
  if (!after) return { where: undefined, orderBy, resultOrder };

  const id = `${values.add(after.id)}::uuid`;
  if (spec.nullable && after.value === null) {
    return { where: `(${column} IS NULL AND id ${op} ${id})`, orderBy, resultOrder };
  }
  const value = `${values.add(cursorParameter(spec, after.value))}::${spec.cast}`;
  const row = `(${column}, id) ${op} (${value}, ${id})`;
  return { where: spec.nullable ? `(${row} OR ${column} IS NULL)` : row, orderBy, resultOrder };
}

/**
 * An instant goes to Postgres as a Date, which node-postgres writes in a form Postgres reads for every
 * year we store: year 0000 as `0001 BC`. The ISO string in the cursor (`0000-01-01T…Z`) is out of
 * Postgres's range as text, so a walk past a task due then would fail.
 */
function cursorParameter(spec: SortSpec, value: string | null): string | Date | null {
  return spec.cast === 'timestamptz' && value !== null ? new Date(value) : value;
}
