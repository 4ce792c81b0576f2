import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@rosetta/shared-contract';
import { expectProblemResponse, uniqueAccount, useRealDomain } from '@rosetta/test-support';
import { bearer, fromLoopback, json, TEST_JWT_SECRET, testApp } from '../support/app.js';

const ctx = useRealDomain(TEST_JWT_SECRET);
let app: Hono;
let auth: { Authorization: string };

function header(res: Response, name: string): string {
  const value = res.headers.get(name);
  expect(value, `${name} header`).toEqual(expect.any(String));
  return String(value);
}

async function createTask(title: string) {
  const res = await app.request('/tasks', json('POST', { title }, auth));
  expect(res.status).toBe(201);
  return { res, task: (await res.json()) as Task };
}

beforeAll(async () => {
  app = testApp(ctx.domain).app;
  const registered = await app.request(
    '/auth/register',
    json('POST', uniqueAccount('Hono')),
    fromLoopback,
  );
  expect(registered.status).toBe(201);
  auth = bearer(((await registered.json()) as { accessToken: string }).accessToken);
});

describe('tasks over a real domain', () => {
  it('creates a task with Location and ETag, serves it, then answers 304 to its ETag', async () => {
    const { res: created, task } = await createTask('Write tests');
    const location = header(created, 'location');
    expect(location).toBe(`/tasks/${task.id}`);
    const etag = header(created, 'etag');
    expect(etag).toMatch(/^"[^"]+"$/);

    const fetched = await app.request(location, { headers: auth });
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('etag')).toBe(etag);
    expect(await fetched.json()).toEqual(task);

    const cached = await app.request(location, { headers: { ...auth, 'If-None-Match': etag } });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('etag')).toBe(etag);
    expect(await cached.text()).toBe('');
  });

  it('updates only at the version named by If-Match, issuing the new ETag', async () => {
    const { res: created } = await createTask('Versioned');
    const location = header(created, 'location');
    const etag = header(created, 'etag');

    const updated = await app.request(
      location,
      json('PATCH', { status: 'done' }, { ...auth, 'If-Match': etag }),
    );
    expect(updated.status).toBe(200);
    expect(((await updated.json()) as Task).status).toBe('done');
    expect(header(updated, 'etag')).not.toBe(etag);

    const stale = await app.request(
      location,
      json('PATCH', { status: 'todo' }, { ...auth, 'If-Match': etag }),
    );
    await expectProblemResponse(stale, 'precondition_failed');
  });

  it('lists the caller’s tasks and deletes one', async () => {
    const { res: created, task } = await createTask('Short-lived');
    const location = header(created, 'location');
    const list = await app.request('/tasks?limit=100', { headers: auth });
    const page = (await list.json()) as { data: Task[] };
    expect(page.data.map((t) => t.id)).toContain(task.id);

    const deleted = await app.request(location, { method: 'DELETE', headers: auth });
    expect(deleted.status).toBe(204);
    await expectProblemResponse(await app.request(location, { headers: auth }), 'not_found');
  });

  it('rejects a token the real domain did not issue', async () => {
    const res = await app.request('/tasks', { headers: bearer('not.a.jwt') });
    await expectProblemResponse(res, 'invalid_token');
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });
});
