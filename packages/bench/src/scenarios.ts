import type { OperationId } from '@rosetta/shared-contract';
import type { ScenarioId, ScenarioInfo } from './results.js';

export const scenarios: ScenarioInfo[] = [
  {
    id: 'health',
    request: 'GET /health',
    description: 'no database, no auth: the framework and its middleware alone',
    database: false,
    status: 200,
  },
  {
    id: 'list-tasks',
    request: 'GET /tasks?limit=20',
    description: 'bearer token, query validation, one indexed query, 20 tasks serialized',
    database: true,
    status: 200,
  },
  {
    id: 'create-task',
    request: 'POST /tasks',
    description:
      'bearer token, JSON body parsed and validated, one INSERT, 201 with Location and ETag',
    database: true,
    status: 201,
  },
  {
    id: 'get-task',
    request: 'GET /tasks/{id}',
    description: 'bearer token, path validation, one primary-key lookup, ETag',
    database: true,
    status: 200,
  },
];

/** What seeding a target's database produced; see seed.ts. */
export interface SeedData {
  /** Owns the seeded tasks; lists and reads. */
  readerToken: string;
  /** Owns nothing at first; every POST goes to this user, so the reader's list never changes. */
  writerToken: string;
  taskId: string;
}

/** The body every `POST /tasks` sends. */
export const createTaskBody = {
  title: 'Benchmark task',
  description: 'Created under load by @rosetta/bench.',
  priority: 'high',
};

/** One scenario's request, and how each response is checked. Serializable: the load runner gets it. */
export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The contract operation, whose response schema checks the body. */
  operationId: OperationId;
  status: number;
}

export function requestFor(id: ScenarioId, seed: SeedData | undefined): LoadRequest {
  if (id === 'health') {
    return { method: 'GET', path: '/health', headers: {}, operationId: 'getHealth', status: 200 };
  }
  if (!seed) throw new Error(`The ${id} scenario needs seeded data.`);
  switch (id) {
    case 'list-tasks':
      return {
        method: 'GET',
        path: '/tasks?limit=20',
        headers: { authorization: `Bearer ${seed.readerToken}` },
        operationId: 'listTasks',
        status: 200,
      };
    case 'create-task':
      return {
        method: 'POST',
        path: '/tasks',
        headers: {
          authorization: `Bearer ${seed.writerToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(createTaskBody),
        operationId: 'createTask',
        status: 201,
      };
    case 'get-task':
      return {
        method: 'GET',
        path: `/tasks/${seed.taskId}`,
        headers: { authorization: `Bearer ${seed.readerToken}` },
        operationId: 'getTask',
        status: 200,
      };
  }
}
