import type { OperationId } from '@rosetta/shared-contract';
import type { ApiClient } from '../../src/client.js';
import { client, createTask, loginAdmin, registerUser, type TestUser } from './api.js';
import { pathOf } from './operations.js';

/**
 * Who may call an operation, and on what: for tests about the request itself (content type, size,
 * syntax), so that authentication and ownership are never the reason for the answer. Cached per file.
 */
let user: Promise<TestUser> | undefined;
let admin: Promise<TestUser> | undefined;

export async function callerFor(
  operationId: OperationId,
): Promise<{ api: ApiClient; path: string }> {
  user ??= registerUser('caller');
  switch (operationId) {
    case 'updateMe':
    case 'createTask':
      return { api: (await user).api, path: pathOf(operationId) };
    case 'updateTask': {
      const owner = await user;
      const { task } = await createTask(owner);
      return { api: owner.api, path: pathOf(operationId, task.id) };
    }
    case 'updateUser': {
      admin ??= loginAdmin();
      return { api: (await admin).api, path: pathOf(operationId, (await user).user.id) };
    }
    default:
      // Public operations; a fresh client each time keeps the auth rate limit out of the way.
      return { api: client(), path: pathOf(operationId) };
  }
}
