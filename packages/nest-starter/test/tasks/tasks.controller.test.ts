import type { Server } from 'node:http';
import request, { type Response } from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, uniqueAccount, useRealDomain } from '@rosetta/test-support';
import { TEST_JWT_SECRET, testApp } from '../support/app.js';

const ctx = useRealDomain(TEST_JWT_SECRET);
let app: Server;
let token: string;

function header(res: Response, name: string): string {
  const value = res.headers[name];
  expect(value, `${name} header`).toEqual(expect.any(String));
  return String(value);
}

beforeAll(async () => {
  app = (await testApp(ctx.domain)).server;
  const registered = await request(app).post('/auth/register').send(uniqueAccount('Nest'));
  expect(registered.status).toBe(201);
  token = registered.body.accessToken;
});

describe('TasksController over a real domain', () => {
  it('creates a task with Location and ETag, serves it, then answers 304 to its ETag', async () => {
    const created = await request(app)
      .post('/tasks')
      .auth(token, { type: 'bearer' })
      .send({ title: 'Write tests' });
    expect(created.status).toBe(201);
    const location = header(created, 'location');
    expect(location).toBe(`/tasks/${created.body.id}`);
    const etag = header(created, 'etag');
    expect(etag).toMatch(/^"[^"]+"$/);

    const fetched = await request(app).get(location).auth(token, { type: 'bearer' });
    expect(fetched.status).toBe(200);
    expect(fetched.headers.etag).toBe(etag);
    expect(fetched.body).toEqual(created.body);

    const cached = await request(app)
      .get(location)
      .auth(token, { type: 'bearer' })
      .set('If-None-Match', etag);
    expect(cached.status).toBe(304);
    expect(cached.headers.etag).toBe(etag);
    expect(cached.text).toBeFalsy();
  });

  it('updates only at the version named by If-Match, issuing the new ETag', async () => {
    const created = await request(app)
      .post('/tasks')
      .auth(token, { type: 'bearer' })
      .send({ title: 'Versioned' });
    const location = header(created, 'location');
    const etag = header(created, 'etag');

    const updated = await request(app)
      .patch(location)
      .auth(token, { type: 'bearer' })
      .set('If-Match', etag)
      .send({ status: 'done' });
    expect(updated.status).toBe(200);
    expect(updated.body.status).toBe('done');
    expect(header(updated, 'etag')).not.toBe(etag);

    const stale = await request(app)
      .patch(location)
      .auth(token, { type: 'bearer' })
      .set('If-Match', etag)
      .send({ status: 'todo' });
    expectProblem(stale, 'precondition_failed');
  });

  it('lists the caller’s tasks and deletes one', async () => {
    const created = await request(app)
      .post('/tasks')
      .auth(token, { type: 'bearer' })
      .send({ title: 'Short-lived' });
    const location = header(created, 'location');
    const list = await request(app).get('/tasks?limit=100').auth(token, { type: 'bearer' });
    expect(list.body.data.map((t: { id: string }) => t.id)).toContain(created.body.id);

    const deleted = await request(app).delete(location).auth(token, { type: 'bearer' });
    expect(deleted.status).toBe(204);
    expectProblem(await request(app).get(location).auth(token, { type: 'bearer' }), 'not_found');
  });

  it('rejects a token the real domain did not issue', async () => {
    const res = await request(app).get('/tasks').auth('not.a.jwt', { type: 'bearer' });
    expectProblem(res, 'invalid_token');
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });
});
