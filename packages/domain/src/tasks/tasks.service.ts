import type { DataSource, QueryDeepPartialEntity } from 'typeorm';
import type { CreateTaskRequest, TaskPage, UpdateTaskRequest } from '@rosetta/shared-contract';
import { TaskEntity } from '../entities/index.js';
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
import { applyKeyset, parseSort, type TaskSort } from './task-sorts.js';

const NOT_FOUND = 'No task with this id belongs to you.';

export class DefaultTasksService implements TasksService {
  constructor(private readonly db: DataSource) {}

  async create(actor: Principal, input: CreateTaskRequest): Promise<VersionedTask> {
    const task = this.db.manager.create(TaskEntity, {
      ownerId: actor.id,
      title: input.title,
      description: input.description ?? null,
      status: input.status ?? 'todo',
      priority: input.priority ?? 'medium',
      dueDate: toInstant(input.dueDate, { pointer: '/dueDate' }),
      version: 1,
    });
    await this.db.manager.insert(TaskEntity, task);
    return versioned(task);
  }

  async list(actor: Principal, query: ListTasksQuery): Promise<TaskPage> {
    const sort: TaskSort = query.sort ?? '-createdAt';
    const limit = pageSize(query.limit);
    const { spec } = parseSort(sort);
    const after =
      query.cursor === undefined ? undefined : decodeCursor(query.cursor, sort, spec.isValue);

    const qb = this.db.manager
      .createQueryBuilder(TaskEntity, 't')
      .where('t.ownerId = :owner', { owner: actor.id })
      .limit(limit + 1);
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    if (query.priority) qb.andWhere('t.priority = :priority', { priority: query.priority });
    if (query.q) {
      // Wildcards in the search text are literal: "50%" finds "50%", not "50 anything".
      const pattern = `%${query.q.replace(/[\\%_]/g, '\\$&')}%`;
      qb.andWhere(
        `(t.title ILIKE :pattern ESCAPE '\\' OR t.description ILIKE :pattern ESCAPE '\\')`,
        { pattern },
      );
    }
    const dueBefore = toInstant(query.dueBefore, { parameter: 'dueBefore' });
    const dueAfter = toInstant(query.dueAfter, { parameter: 'dueAfter' });
    if (dueBefore) qb.andWhere('t.dueDate < :dueBefore', { dueBefore });
    if (dueAfter) qb.andWhere('t.dueDate > :dueAfter', { dueAfter });
    applyKeyset(qb, sort, after);

    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      data: page.map(toTask),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor(sort, { value: spec.valueOf(last), id: last.id })
          : null,
    };
  }

  async get(actor: Principal, id: string): Promise<VersionedTask> {
    const task = await this.db.manager.findOneBy(TaskEntity, { id, ownerId: actor.id });
    if (!task) throw new NotFoundError(NOT_FOUND);
    return versioned(task);
  }

  async update(
    actor: Principal,
    id: string,
    input: UpdateTaskRequest,
    expected?: ExpectedVersions,
  ): Promise<VersionedTask> {
    const changes: QueryDeepPartialEntity<TaskEntity> = {};
    if (input.title !== undefined) changes.title = input.title;
    if (input.description !== undefined) changes.description = input.description;
    if (input.status !== undefined) changes.status = input.status;
    if (input.priority !== undefined) changes.priority = input.priority;
    if (input.dueDate !== undefined)
      changes.dueDate = toInstant(input.dueDate, { pointer: '/dueDate' });

    // No version can match an empty If-Match list, but the task's existence still decides 404 vs 412.
    if (Array.isArray(expected) && expected.length === 0) {
      await this.get(actor, id);
      throw stale();
    }
    // Check and write in one statement: between a read and a write another client could slip in.
    const qb = this.db.manager
      .createQueryBuilder()
      .update(TaskEntity)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND owner_id = :owner', { id, owner: actor.id })
      .returning('*');
    if (Array.isArray(expected)) qb.andWhere('version IN (:...versions)', { versions: expected });
    const { raw } = await qb.execute();
    const row = (raw as TaskRow[])[0];
    if (row) return versioned(fromRow(row));

    await this.get(actor, id);
    throw stale();
  }

  async remove(actor: Principal, id: string): Promise<void> {
    const { affected } = await this.db.manager.delete(TaskEntity, { id, ownerId: actor.id });
    if (!affected) throw new NotFoundError(NOT_FOUND);
  }
}

interface TaskRow {
  id: string;
  owner_id: string;
  title: string;
  description: string | null;
  status: TaskEntity['status'];
  priority: TaskEntity['priority'];
  due_date: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** UPDATE … RETURNING gives raw columns; this is the one place they are named. */
function fromRow(row: TaskRow): TaskEntity {
  return Object.assign(new TaskEntity(), {
    id: row.id,
    ownerId: row.owner_id,
    title: row.title,
    description: row.description,
    status: row.status,
    priority: row.priority,
    dueDate: row.due_date,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

function versioned(task: TaskEntity): VersionedTask {
  return { task: toTask(task), version: task.version };
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
