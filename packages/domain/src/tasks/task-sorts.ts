import type { SelectQueryBuilder } from 'typeorm';
import type { TaskPriority } from '@rosetta/shared-contract';
import type { TaskEntity } from '../entities/index.js';
import { type CursorPosition, isInstant, isStorableText } from '../pagination/cursor.js';

export type TaskSortKey = 'createdAt' | 'dueDate' | 'priority' | 'title';
export type TaskSort = TaskSortKey | `-${TaskSortKey}`;

interface SortSpec {
  /** The SQL type a cursor value is cast to, so Postgres compares it as the column's own type. */
  cast: string;
  nullable: boolean;
  valueOf(task: TaskEntity): string | null;
  isValue(value: unknown): value is string | null;
}

const PRIORITIES: readonly TaskPriority[] = ['low', 'medium', 'high'];

const specs: Record<TaskSortKey, SortSpec> = {
  createdAt: {
    cast: 'timestamptz',
    nullable: false,
    valueOf: (t) => t.createdAt.toISOString(),
    isValue: isInstant,
  },
  dueDate: {
    cast: 'timestamptz',
    nullable: true,
    valueOf: (t) => t.dueDate?.toISOString() ?? null,
    isValue: (v): v is string | null => v === null || isInstant(v),
  },
  priority: {
    cast: 'task_priority',
    nullable: false,
    valueOf: (t) => t.priority,
    isValue: (v): v is string => PRIORITIES.includes(v as TaskPriority),
  },
  title: {
    cast: 'text',
    nullable: false,
    valueOf: (t) => t.title,
    isValue: (v): v is string => isStorableText(v, 200),
  },
};

export function parseSort(sort: TaskSort): {
  key: TaskSortKey;
  descending: boolean;
  spec: SortSpec;
} {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as TaskSortKey;
  return { key, descending, spec: specs[key] };
}

/**
 * Orders by the sort key then id, and, given a cursor, keeps only rows after it: a keyset page. Rows
 * inserted meanwhile land before or after the cursor but never shift the rows already walked, so a walk
 * neither repeats nor skips. Tasks with no due date come last in both directions, which a row
 * comparison cannot express for NULL, hence the explicit branches.
 */
export function applyKeyset(
  qb: SelectQueryBuilder<TaskEntity>,
  sort: TaskSort,
  after: CursorPosition | undefined,
): void {
  const { key, descending, spec } = parseSort(sort);
  const direction = descending ? 'DESC' : 'ASC';
  const op = descending ? '<' : '>';
  const column = `t.${key}`;
  qb.orderBy(column, direction, spec.nullable ? 'NULLS LAST' : undefined).addOrderBy(
    't.id',
    direction,
  );
  if (!after) return;

  const params = { cursorValue: cursorParameter(spec, after.value), cursorId: after.id };
  const row = `(${column}, t.id) ${op} (CAST(:cursorValue AS ${spec.cast}), CAST(:cursorId AS uuid))`;
  if (!spec.nullable) {
    qb.andWhere(row, params);
  } else if (after.value === null) {
    qb.andWhere(`(${column} IS NULL AND t.id ${op} CAST(:cursorId AS uuid))`, params);
  } else {
    qb.andWhere(`(${row} OR ${column} IS NULL)`, params);
  }
}

/**
 * An instant goes to Postgres as a Date, which node-postgres writes in a form Postgres reads for every
 * year we store: year 0000 as `0001 BC`. The ISO string in the cursor (`0000-01-01T…Z`) is out of
 * Postgres's range as text, so a walk past a task due then would fail.
 */
function cursorParameter(spec: SortSpec, value: string | null): string | Date | null {
  return spec.cast === 'timestamptz' && value !== null ? new Date(value) : value;
}
