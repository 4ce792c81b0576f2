import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../src/client.js';
import { client, createTask, registerUser } from '../support/api.js';

function expectSecurityHeaders(res: ApiResponse): void {
  const where = `${res.method} ${res.path} (${res.status})`;
  const h = res.headers;
  expect(h.get('x-content-type-options'), where).toBe('nosniff');
  const csp = h.get('content-security-policy');
  expect(csp, `${where}: Content-Security-Policy`).toBeTruthy();
  const frameOptions = h.get('x-frame-options')?.toUpperCase();
  expect(
    frameOptions === 'DENY' || frameOptions === 'SAMEORIGIN' || /frame-ancestors/.test(csp ?? ''),
    `${where}: X-Frame-Options or CSP frame-ancestors`,
  ).toBe(true);
  expect(h.get('referrer-policy'), `${where}: Referrer-Policy`).toBeTruthy();
  expect(h.get('x-powered-by'), `${where}: X-Powered-By`).toBeNull();
}

describe('security headers', () => {
  it('are on successful responses of every kind: 200, 201, 204, 304', async () => {
    const alice = await registerUser('headers');
    const created = await alice.api.post('/tasks', { json: { title: 'Headers' } });
    const got = await alice.api.get(`/tasks/${created.body.id}`);
    const notModified = await alice.api.get(`/tasks/${created.body.id}`, {
      headers: { 'if-none-match': got.headers.get('etag')! },
    });
    const { task } = await createTask(alice);
    const deleted = await alice.api.delete(`/tasks/${task.id}`);
    for (const res of [created, got, notModified, deleted, await client().get('/health')])
      expectSecurityHeaders(res);
  });

  it('are on error responses: 400, 401, 404, 405, 413, 415, 422', async () => {
    const alice = await registerUser('headers');
    const responses = await Promise.all([
      alice.api.post('/tasks', { body: '{', contentType: 'application/json' }),
      client().get('/users/me'),
      client().get('/nowhere'),
      alice.api.put('/tasks', { json: {} }),
      alice.api.post('/tasks', { body: 'x'.repeat(110 * 1024), contentType: 'application/json' }),
      alice.api.post('/tasks', {
        body: 'title=x',
        contentType: 'application/x-www-form-urlencoded',
      }),
      alice.api.post('/tasks', { json: { title: '' } }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([400, 401, 404, 405, 413, 415, 422]);
    for (const res of responses) expectSecurityHeaders(res);
  });

  it('are on the docs page and the contract document', async () => {
    for (const res of [await client().get('/docs'), await client().get('/openapi.json')])
      expectSecurityHeaders(res);
  });
});
