import { operations, type OperationId } from '@rosetta/shared-contract';
import { randomId } from './api.js';

/** A body each operation accepts, for tests about everything but the body. */
export const validBodies: Partial<Record<OperationId, unknown>> = {
  register: { email: 'someone@conformance.test', password: 'long-enough-1', name: 'Someone' },
  login: { email: 'someone@conformance.test', password: 'long-enough-1' },
  refresh: { refreshToken: 'some-token' },
  logout: { refreshToken: 'some-token' },
  updateMe: { name: 'Someone' },
  updateUser: { role: 'user' },
  createTask: { title: 'Something' },
  updateTask: { title: 'Something' },
};

export const operationIds = Object.keys(operations) as OperationId[];

/** The operation's path with `{id}` filled in. */
export function pathOf(operationId: OperationId, id: string = randomId()): string {
  return operations[operationId].path.replace('{id}', id);
}

export const authenticatedOperations = operationIds.filter((id) => operations[id].authenticated);
export const operationsWithBody = operationIds.filter((id) => operations[id].body);
export const adminOperations: OperationId[] = ['listUsers', 'getUser', 'updateUser', 'deleteUser'];

/** `GET /tasks/{id}`: how an operation reads in a test title. */
export function label(operationId: OperationId): string {
  return `${operations[operationId].method} ${operations[operationId].path}`;
}
