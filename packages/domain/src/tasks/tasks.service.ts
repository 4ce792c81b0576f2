import type { CreateTaskRequest, TaskPage, UpdateTaskRequest } from '@rosetta/shared-contract';
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
 */
export class DefaultTasksService implements TasksService {
  constructor(private readonly sql: Statements) {}

  async create(actor: Principal, input: CreateTaskRequest): Promise<VersionedTask> {
    const [row] = await this.sql.rows<TaskRow>(
      `INSERT INTO tasks (owner_id, title, description, status, priority, due_date)
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING ${TASK_COLUMNS}`,
      [
        actor.id,
        input.title,
        input.description ?? null,
        input.status ?? 'todo',
        input.priority ?? 'medium',
        toInstant(input.dueDate, { pointer: '/dueDate' }),
      ],
    );
    return versioned(row!);
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
    const where = [`owner_id = ${values.add(actor.id)}`];
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
    const rows = await this.sql.rows<TaskRow>(
      `SELECT ${TASK_COLUMNS} FROM tasks
        WHERE ${where.join(' AND ')}
        ORDER BY ${page.orderBy}
        LIMIT ${values.add(limit + 1)}`,
      values.list,
    );
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return {
      data: rows.slice(0, limit).map(toTask),
      nextCursor: last ? encodeCursor(sort, { value: spec.valueOf(last), id: last.id }) : null,
    };
  }

  async get(actor: Principal, id: string): Promise<VersionedTask> {
    const [row] = await this.sql.rows<TaskRow>(
      `SELECT ${TASK_COLUMNS} FROM tasks WHERE id = $1 AND owner_id = $2`,
      [id, actor.id],
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
    const where = `id = ${values.add(id)} AND owner_id = ${values.add(actor.id)}`;
    const set = changes.map(([column, value]) => `${column} = ${values.add(value)}`);
    // Check and write in one statement: between a read and a write another client could slip in.
    const versions = Array.isArray(expected)
      ? ` AND version = ANY(${values.add(expected)}::integer[])`
      : '';
    const [row] = await this.sql.rows<TaskRow>(
      `UPDATE tasks SET ${[...set, 'version = version + 1', 'updated_at = now()'].join(', ')}
        WHERE ${where}${versions}
        RETURNING ${TASK_COLUMNS}`,
      values.list,
    );
    if (row) return versioned(row);

    // Nothing was written: a 404 if the task is not the caller's, else the version did not match.
    await this.get(actor, id);
    throw stale();
  }

  async remove(actor: Principal, id: string): Promise<void> {
    const affected = await this.sql.affected(`DELETE FROM tasks WHERE id = $1 AND owner_id = $2`, [
      id,
      actor.id,
    ]);
    if (!affected) throw new NotFoundError(NOT_FOUND);
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
