import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '@rosetta/domain';
import { expectProblem, fakeDomain } from '@rosetta/test-support';
import { testApp } from '../support/app.js';

const token = 'fastify-metrics-token-0123';
const missing = randomUUID();
const domain = fakeDomain({
  tasks: {
    remove: async (_actor, id) => {
      if (id === missing) throw new NotFoundError('No such task.');
    },
  },
});
const asUser = { authorization: 'Bearer valid' };

/** The exposition line of one histogram series' count, when it has counted one request. */
function countedOnce(method: string, route: string, status: number): string {
  const labels = `http_request_method="${method}",http_route="${route}",http_response_status_code="${status}"`;
  return `http_server_request_duration_seconds_count{${labels}} 1\n`;
}

describe('GET /metrics', () => {
  it('is a 404 like any unknown path when metrics are off', async () => {
    expectProblem(await testApp(domain).app.inject({ url: '/metrics' }), 'not_found');
  });

  describe('with METRICS_ENABLED and a METRICS_TOKEN', () => {
    const { app } = testApp(domain, { metrics: { enabled: true, token } });

    it('returns 401 with WWW-Authenticate without the token', async () => {
      const res = await app.inject({ url: '/metrics' });
      expectProblem(res, 'unauthorized');
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expectProblem(await app.inject({ url: '/metrics', headers: asUser }), 'invalid_token');
    });

    it('returns 405 to another method', async () => {
      expectProblem(await app.inject({ method: 'POST', url: '/metrics' }), 'method_not_allowed');
    });

    it('counts requests under the route template, the plugin prefix included', async () => {
      const id = randomUUID();
      expect(
        (await app.inject({ method: 'DELETE', url: `/tasks/${id}`, headers: asUser })).statusCode,
      ).toBe(204);
      // Answered by the error handler: still under the route that matched.
      const url = `/tasks/${missing}`;
      expect((await app.inject({ method: 'DELETE', url, headers: asUser })).statusCode).toBe(404);
      expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
      expect((await app.inject({ url: `/nothing/${id}` })).statusCode).toBe(404);
      const res = await app.inject({
        url: '/metrics',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(res.headers['cache-control']).toBe('no-store');
      // The security headers and request id every response carries.
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-request-id']).toEqual(expect.any(String));
      expect(res.body).toContain(countedOnce('DELETE', '/tasks/{id}', 204));
      expect(res.body).toContain(countedOnce('DELETE', '/tasks/{id}', 404));
      expect(res.body).toContain(countedOnce('GET', '/health', 200));
      expect(res.body).toContain(countedOnce('GET', '', 404));
      expect(res.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    });
  });
});
