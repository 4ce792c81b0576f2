import type { TaskEntity } from '../entities/index.js';

/** A task as the tasks service's statements return it: the entity's own property names and types. */
export type TaskRow = Pick<
  TaskEntity,
  | 'id'
  | 'title'
  | 'description'
  | 'status'
  | 'priority'
  | 'dueDate'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
>;

/**
 * The columns every statement selects or returns for a {@link TaskRow}, named as the entity's
 * properties, so a row needs no mapping: it is read straight into the public view.
 */
export const TASK_COLUMNS = `id, title, description, status, priority, due_date AS "dueDate", version,
  created_at AS "createdAt", updated_at AS "updatedAt"`;
