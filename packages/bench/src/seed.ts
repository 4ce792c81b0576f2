import { randomBytes } from 'node:crypto';
import type { SeedData } from './scenarios.js';

/**
 * Seeds a target's fresh database through its own API, the same way for every target: a reading user
 * with `tasks` tasks, and a writing user whose account takes every `POST /tasks`, so the reader's
 * listing stays the same all run long.
 */
export interface Seeded extends SeedData {
  credentials: { reader: Credentials; writer: Credentials };
}

interface Credentials {
  email: string;
  password: string;
}

const statuses = ['todo', 'in_progress', 'done'] as const;
const priorities = ['low', 'medium', 'high'] as const;

export async function seed(baseUrl: string, tasks: number): Promise<Seeded> {
  const tag = randomBytes(4).toString('hex');
  const reader = { email: `bench-reader-${tag}@bench.test`, password: `Bench-${tag}-reader` };
  const writer = { email: `bench-writer-${tag}@bench.test`, password: `Bench-${tag}-writer` };
  const readerToken = await register(baseUrl, reader, 'Bench Reader');
  const writerToken = await register(baseUrl, writer, 'Bench Writer');

  let taskId: string | undefined;
  // A few at a time: quick, and gentle on a target that was just started.
  for (let start = 0; start < tasks; start += 10) {
    const ids = await Promise.all(
      Array.from({ length: Math.min(10, tasks - start) }, (_, k) => {
        const i = start + k;
        return post<{ id: string }>(baseUrl, '/tasks', readerToken, {
          title: `Seeded task ${String(i + 1).padStart(3, '0')}`,
          description: i % 2 === 0 ? `Details of seeded task ${i + 1}.` : null,
          status: statuses[i % statuses.length],
          priority: priorities[i % priorities.length],
          dueDate: i % 3 === 0 ? new Date(Date.UTC(2030, 0, 1 + i)).toISOString() : null,
        });
      }),
    );
    taskId ??= ids[0]?.id;
  }
  if (!taskId) throw new Error('Seeding created no task.');
  return { readerToken, writerToken, taskId, credentials: { reader, writer } };
}

/** Fresh access tokens (they live 15 minutes), for runs that outlast one. */
export async function refreshTokens(baseUrl: string, seeded: Seeded): Promise<Seeded> {
  const login = (c: Credentials) =>
    post<{ accessToken: string }>(baseUrl, '/auth/login', undefined, c, 200);
  const [reader, writer] = await Promise.all([
    login(seeded.credentials.reader),
    login(seeded.credentials.writer),
  ]);
  return { ...seeded, readerToken: reader.accessToken, writerToken: writer.accessToken };
}

async function register(baseUrl: string, credentials: Credentials, name: string): Promise<string> {
  const session = await post<{ accessToken: string }>(baseUrl, '/auth/register', undefined, {
    ...credentials,
    name,
  });
  return session.accessToken;
}

async function post<T>(
  baseUrl: string,
  path: string,
  token: string | undefined,
  body: unknown,
  status = 201,
): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status !== status) {
    throw new Error(
      `Seeding: POST ${path} answered ${res.status}, not ${status}: ${text.slice(0, 300)}`,
    );
  }
  return JSON.parse(text) as T;
}
