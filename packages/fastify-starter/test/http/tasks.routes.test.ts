import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expectProblem, uniqueAccount, useRealDomain } from '@rosetta/test-support';
import { TEST_JWT_SECRET, testApp } from '../support/app.js';

const ctx = useRealDomain(TEST_JWT_SECRET);
let app: FastifyInstance;
let token: string;

function header(res: LightMyRequestResponse, name: string): string {
  const value = res.headers[name];
  expect(value, `${name} header`).toEqual(expect.any(String));
  return String(value);
}

const as = (headers: Record<string, string> = {}) => ({
  authorization: `Bearer ${token}`,
  ...headers,
});

// The domain opens in useRealDomain's beforeAll, and the app decorates itself with it, so it comes after.
beforeAll(async () => {
  app = testApp(ctx.domain).app;
  const registered = await app.inject({
    method: 'POST',
    url: '/auth/register',
    payload: uniqueAccount('Fastify'),
  });
  expect(registered.statusCode).toBe(201);
  token = registered.json().accessToken;
});
afterAll(() => app?.close());

describe('tasks over a real domain', () => {
  it('creates a task with Location and ETag, serves it, then answers 304 to its ETag', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/tasks',
      headers: as(),
      payload: { title: 'Write tests' },
    });
    expect(created.statusCode).toBe(201);
    const location = header(created, 'location');
    expect(location).toBe(`/tasks/${created.json().id}`);
    const etag = header(created, 'etag');
    expect(etag).toMatch(/^"[^"]+"$/);

    const fetched = await app.inject({ url: location, headers: as() });
    expect(fetched.statusCode).toBe(200);
    expect(fetched.headers.etag).toBe(etag);
    expect(fetched.json()).toEqual(created.json());

    const cached = await app.inject({ url: location, headers: as({ 'if-none-match': etag }) });
    expect(cached.statusCode).toBe(304);
    expect(cached.headers.etag).toBe(etag);
    expect(cached.body).toBeFalsy();
  });

  it('updates only at the version named by If-Match, issuing the new ETag', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/tasks',
      headers: as(),
      payload: { title: 'Versioned' },
    });
    const location = header(created, 'location');
    const etag = header(created, 'etag');

    const updated = await app.inject({
      method: 'PATCH',
      url: location,
      headers: as({ 'if-match': etag }),
      payload: { status: 'done' },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().status).toBe('done');
    expect(header(updated, 'etag')).not.toBe(etag);

    const stale = await app.inject({
      method: 'PATCH',
      url: location,
      headers: as({ 'if-match': etag }),
      payload: { status: 'todo' },
    });
    expectProblem(stale, 'precondition_failed');
  });

  it('lists the caller’s tasks and deletes one', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/tasks',
      headers: as(),
      payload: { title: 'Short-lived' },
    });
    const location = header(created, 'location');
    const list = await app.inject({ url: '/tasks?limit=100', headers: as() });
    expect(list.json().data.map((t: { id: string }) => t.id)).toContain(created.json().id);

    const deleted = await app.inject({ method: 'DELETE', url: location, headers: as() });
    expect(deleted.statusCode).toBe(204);
    expectProblem(await app.inject({ url: location, headers: as() }), 'not_found');
  });

  it('rejects a token the real domain did not issue', async () => {
    const res = await app.inject({ url: '/tasks', headers: { authorization: 'Bearer not.a.jwt' } });
    expectProblem(res, 'invalid_token');
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });
});
