import type { CreateTaskRequest, TaskPage, UpdateTaskRequest } from '@rosetta/shared-contract';
import { actorGone, liveActor } from '../auth/actor.js';
import { isForeignKeyViolation } from '../database/errors.js';
import { type Statements, Values } from '../database/statements.js';
import { InvalidInputError, NotFoundError, PreconditionFailedError } from '../errors.js';
import { decodeCursor, encodeCursor } from '../pagination/cursor.js';
import { pageSize } from '../pagination/page-size.js';
import { parseInstant } from '../time/instant.js';
import type {
  ExpectedVersions,
  ListTasksQuery,
  Principal,
  TasksService,
  VersionedTask,
} from '../types.js';
import { toTask } from '../views.js';
import { TASK_COLUMNS, type TaskRow } from './task-row.js';
import { keyset, parseSort, type TaskSort } from './task-sorts.js';

const NOT_FOUND = 'No task with this id belongs to you.';

/** The request's fields in a fixed order, each with its column: an update sets those present. */
const UPDATABLE = [
  ['title', 'title'],
  ['description', 'description'],
  ['status', 'status'],
  ['priority', 'priority'],
  ['dueDate', 'due_date'],
] as const satisfies readonly (readonly [keyof UpdateTaskRequest, string])[];

/**
 * Every operation is one SQL statement, prepared (see statements.ts), and every one names the owner:
 * another user's task is never read or written, and is a 404 exactly like a task that does not exist.
 * The same statement checks that the caller's account still exists (see auth/actor.ts): its work is
 * joined to that row, so no row at all is a dead token (401) and a row with no task is a 404.
 */
export class DefaultTasksService implements TasksService {
  constructor(private readonly sql: Statements) {}

  async create(actor: Principal, input: CreateTaskRequest): Promise<VersionedTask> {
    const values = new Values();
    const owner = liveActor(values, actor);
    // INSERT … SELECT: the values' types come from the casts, not the target columns.
    const text = `INSERT INTO tasks (owner_id, title, description, status, priority, due_date)
       SELECT a.id, ${values.add(input.title)}::text, ${values.add(input.description ?? null)}::text,
              ${values.add(input.status ?? 'todo')}::task_status,
              ${values.add(input.priority ?? 'medium')}::task_priority,
              ${values.add(toInstant(input.dueDate, { pointer: '/dueDate' }))}::timestamptz
         FROM (${owner}) a
       RETURNING ${TASK_COLUMNS}`;
    let rows: TaskRow[];
    try {
      rows = await this.sql.rows<TaskRow>(text, values.list);
    } catch (error) {
      // The account was deleted after this statement read it, before its foreign key was checked.
      if (isForeignKeyViolation(error, 'tasks_owner_id_fkey')) throw actorGone();
      throw error;
    }
    if (!rows[0]) throw actorGone();
    return versioned(rows[0]);
  }

  async list(actor: Principal, query: ListTasksQuery): Promise<TaskPage> {
    const sort: TaskSort = query.sort ?? '-createdAt';
    const limit = pageSize(query.limit);
    const { spec } = parseSort(sort);
    const after =
      query.cursor === undefined ? undefined : decodeCursor(query.cursor, sort, spec.isValue);
    const dueBefore = toInstant(query.dueBefore, { parameter: 'dueBefore' });
    const dueAfter = toInstant(query.dueAfter, { parameter: 'dueAfter' });

    // The text depends only on which filters are present, so each shape is prepared once.
    const values = new Values();
    const owner = liveActor(values, actor);
    const where = ['owner_id = a.id'];
    if (query.status) where.push(`status = ${values.add(query.status)}`);
    if (query.priority) where.push(`priority = ${values.add(query.priority)}`);
    if (query.q) {
      // Wildcards in the search text are literal: "50%" finds "50%", not "50 anything".
      const pattern = values.add(`%${query.q.replace(/[\\%_]/g, '\\$&')}%`);
      where.push(
        `(title ILIKE ${pattern} ESCAPE '\\' OR description ILIKE ${pattern} ESCAPE '\\')`,
      );
    }
    if (dueBefore) where.push(`due_date < ${values.add(dueBefore)}`);
    if (dueAfter) where.push(`due_date > ${values.add(dueAfter)}`);
    const page = keyset(sort, after, values);
    if (page.where) where.push(page.where);

    // One row more than the page says whether there is a next one.
    const rows = await this.ownRows<TaskRow>(
      `SELECT t.* FROM (${owner}) a
         LEFT JOIN LATERAL (
           SELECT ${TASK_COLUMNS} FROM tasks
            WHERE ${where.join(' AND ')}
            ORDER BY ${page.orderBy}
            LIMIT ${values.add(limit + 1)}
         ) t ON true
        ORDER BY ${page.resultOrder}`,
      values,
    );
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return {
      data: rows.slice(0, limit).map(toTask),
      nextCursor: last ? encodeCursor(sort, { value: spec.valueOf(last), id: last.id }) : null,
    };
  }

  async get(actor: Principal, id: string): Promise<VersionedTask> {
    const values = new Values();
    const owner = liveActor(values, actor);
    const [row] = await this.ownRows<TaskRow>(
      `SELECT t.* FROM (${owner}) a
         LEFT JOIN LATERAL (
           SELECT ${TASK_COLUMNS} FROM tasks WHERE id = ${values.add(id)} AND owner_id = a.id
         ) t ON true`,
      values,
    );
    if (!row) throw new NotFoundError(NOT_FOUND);
    return versioned(row);
  }

  async update(
    actor: Principal,
    id: string,
    input: UpdateTaskRequest,
    expected?: ExpectedVersions,
  ): Promise<VersionedTask> {
    const changes = UPDATABLE.filter(([field]) => input[field] !== undefined).map(
      ([field, column]) =>
        [
          column,
          field === 'dueDate' ? toInstant(input.dueDate, { pointer: '/dueDate' }) : input[field],
        ] as const,
    );
    // No version can match an empty If-Match list, but the task's existence still decides 404 vs 412.
    if (Array.isArray(expected) && expected.length === 0) {
      await this.get(actor, id);
      throw stale();
    }
    const values = new Values();
    const owner = liveActor(values, actor);
    const where = `id = ${values.add(id)} AND owner_id = (SELECT id FROM a)`;
    const set = changes.map(([column, value]) => `${column} = ${values.add(value)}`);
    // Check and write in one statement: between a read and a write another client could slip in.
    const versions = Array.isArray(expected)
      ? ` AND version = ANY(${values.add(expected)}::integer[])`
      : '';
    const [row] = await this.ownRows<TaskRow>(
      `WITH a AS (${owner}),
            t AS (
              UPDATE tasks SET ${[...set, 'version = version + 1', 'updated_at = now()'].join(', ')}
               WHERE ${where}${versions}
               RETURNING ${TASK_COLUMNS}
            )
       SELECT t.* FROM a LEFT JOIN t ON true`,
      values,
    );
    if (row) return versioned(row);

    // Nothing was written: a 404 if the task is not the caller's, else the version did not match.
    await this.get(actor, id);
    throw stale();
  }

  async remove(actor: Principal, id: string): Promise<void> {
    const values = new Values();
    const owner = liveActor(values, actor);
    const [deleted] = await this.ownRows<{ id: string }>(
      `WITH a AS (${owner}),
            t AS (
              DELETE FROM tasks WHERE id = ${values.add(id)} AND owner_id = (SELECT id FROM a)
              RETURNING id
            )
       SELECT t.id FROM a LEFT JOIN t ON true`,
      values,
    );
    if (!deleted) throw new NotFoundError(NOT_FOUND);
  }

  /**
   * The rows of a statement that LEFT JOINs its work to the caller's account row: no row at all means
   * the account is gone, and the one row with no task in it (all nulls) means no task.
   */
  private async ownRows<Row extends { id: string | null }>(
    text: string,
    values: Values,
  ): Promise<Row[]> {
    const rows = await this.sql.rows<Row>(text, values.list);
    if (rows.length === 0) throw actorGone();
    return rows[0]!.id === null ? [] : rows;
  }
}

function versioned(row: TaskRow): VersionedTask {
  return { task: toTask(row), version: row.version };
}

function stale(): PreconditionFailedError {
  return new PreconditionFailedError('The task has changed since the version in If-Match.');
}

/**
 * A schema-valid date-time can still be one JavaScript cannot represent (a leap second, say); that is
 * the client's input at fault, not a server error.
 */
function toInstant(
  value: string | null | undefined,
  where: { pointer: string } | { parameter: string },
): Date | null {
  if (value === undefined || value === null) return null;
  const instant = parseInstant(value);
  if (instant === 'malformed') {
    throw new InvalidInputError([{ ...where, detail: 'must be a representable date-time' }]);
  }
  if (instant === 'out-of-range') {
    throw new InvalidInputError([
      { ...where, detail: 'must fall between years 0000 and 9999 in UTC' },
    ]);
  }
  return instant;
}
