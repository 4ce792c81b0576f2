import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { CreateTaskRequest, Task, User } from '@rosetta/shared-contract';
import { ApiClient, type ApiResponse } from '../../src/client.js';
import { recordPair } from '../../src/coverage.js';
import { ctx } from './context.js';

/** A new anonymous client with its own IP; every response it gets is checked against the contract. */
export function client(options: { token?: string; ip?: string } = {}): ApiClient {
  return new ApiClient(ctx.baseUrl, {
    ...options,
    record: (operationId, status) => recordPair(ctx.runDir, operationId, status),
  });
}

/** Unique per call and per run, so tests pass on a database that already holds data. */
export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(6).toString('hex')}@conformance.test`;
}

export function randomPassword(): string {
  return `pw-${randomBytes(8).toString('hex')}`;
}

export const randomId = (): string => randomUUID();

export interface Session {
  accessToken: string;
  refreshToken: string;
}

export interface TestUser extends Session {
  /** Authenticated as this user, from this user's own IP. */
  api: ApiClient;
  user: User;
  email: string;
  password: string;
}

/** Registers a fresh account through the API. */
export async function registerUser(label = 'user'): Promise<TestUser> {
  const api = client();
  const email = uniqueEmail(label);
  const password = randomPassword();
  const res = await api.post('/auth/register', {
    json: { email, password, name: `Test ${label}` },
  });
  expect(res.status, 'registering a test user').toBe(201);
  return {
    api: api.withToken(res.body.accessToken),
    user: res.body.user,
    email,
    password,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
  };
}

/** Signs in again as someone: a second session with its own tokens. */
export async function login(email: string, password: string, api = client()): Promise<TestUser> {
  const res = await api.post('/auth/login', { json: { email, password } });
  expect(res.status, `logging in as ${email}`).toBe(200);
  return {
    api: api.withToken(res.body.accessToken),
    user: res.body.user,
    email,
    password,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
  };
}

/** The admin the target was started with (only when `ctx.admin` is known). */
export async function loginAdmin(): Promise<TestUser> {
  if (!ctx.admin) throw new Error('This target has no known admin; gate the test with runIf.');
  return login(ctx.admin.email, ctx.admin.password);
}

export async function createTask(
  owner: TestUser,
  body: CreateTaskRequest = { title: 'A task' },
): Promise<{ task: Task; etag: string }> {
  const res = await owner.api.post<Task>('/tasks', { json: body });
  expect(res.status, `creating ${JSON.stringify(body).slice(0, 80)}`).toBe(201);
  return { task: res.body, etag: res.headers.get('etag')! };
}

/** Follows `nextCursor` to the end; fails on a page that is not 200 or a walk that never ends. */
export async function walk<T extends { id: string }>(
  api: ApiClient,
  path: '/tasks' | '/users',
  query: Record<string, string | number | undefined> = {},
  between?: (page: number) => Promise<void>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 1; pages <= 1000; pages++) {
    const res: ApiResponse<{ data: T[]; nextCursor: string | null }> = await api.get(path, {
      query: { ...query, cursor },
    });
    expect(res.status, `page ${pages} of ${path}`).toBe(200);
    items.push(...res.body.data);
    if (res.body.nextCursor === null) return { items, pages };
    cursor = res.body.nextCursor;
    await between?.(pages);
  }
  throw new Error(`${path} never reached a last page`);
}
