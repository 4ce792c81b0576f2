import type { Task, User } from '@rosetta/shared-contract';
import type { UserEntity } from './entities/index.js';
import type { TaskRow } from './tasks/task-row.js';

/** The public view of a user: never the password hash. */
export function toUser(
  entity: Pick<UserEntity, 'id' | 'email' | 'name' | 'role' | 'createdAt' | 'updatedAt'>,
): User {
  return {
    id: entity.id,
    email: entity.email,
    name: entity.name,
    role: entity.role,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

export function toTask(task: TaskRow): Task {
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    status: task.status,
    priority: task.priority,
    dueDate: task.dueDate?.toISOString() ?? null,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
  };
}

/** Emails compare case-insensitively; they are stored in this form. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
