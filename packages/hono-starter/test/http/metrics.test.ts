import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '@rosetta/domain';
import { expectProblemResponse, fakeDomain } from '@rosetta/test-support';
import { bearer, testApp } from '../support/app.js';

const token = 'hono-metrics-token-0123456';
const missing = randomUUID();
const domain = fakeDomain({
  tasks: {
    remove: async (_actor, id) => {
      if (id === missing) throw new NotFoundError('No such task.');
    },
  },
});

/** The exposition line of one histogram series' count, when it has counted one request. */
function countedOnce(method: string, route: string, status: number): string {
  const labels = `http_request_method="${method}",http_route="${route}",http_response_status_code="${status}"`;
  return `http_server_request_duration_seconds_count{${labels}} 1\n`;
}

describe('GET /metrics', () => {
  it('is a 404 like any unknown path when metrics are off', async () => {
    await expectProblemResponse(await testApp(domain).app.request('/metrics'), 'not_found');
  });

  describe('with METRICS_ENABLED and a METRICS_TOKEN', () => {
    const { app } = testApp(domain, { metrics: { enabled: true, token } });

    it('returns 401 with WWW-Authenticate without the token', async () => {
      const res = await app.request('/metrics');
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      await expectProblemResponse(res, 'unauthorized');
      const asUser = await app.request('/metrics', { headers: bearer('valid') });
      await expectProblemResponse(asUser, 'invalid_token');
    });

    it('returns 405 to another method', async () => {
      const res = await app.request('/metrics', { method: 'POST' });
      await expectProblemResponse(res, 'method_not_allowed');
    });

    it('counts requests under the route template, the sub-app prefix included', async () => {
      const id = randomUUID();
      const remove = (taskId: string) =>
        app.request(`/tasks/${taskId}`, { method: 'DELETE', headers: bearer('valid') });
      expect((await remove(id)).status).toBe(204);
      // Answered by onError: still under the route that matched.
      expect((await remove(missing)).status).toBe(404);
      expect((await app.request('/health')).status).toBe(200);
      expect((await app.request(`/nothing/${id}`)).status).toBe(404);
      const res = await app.request('/metrics', { headers: bearer(token) });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const text = await res.text();
      expect(text).toContain(countedOnce('DELETE', '/tasks/{id}', 204));
      expect(text).toContain(countedOnce('DELETE', '/tasks/{id}', 404));
      expect(text).toContain(countedOnce('GET', '/health', 200));
      expect(text).toContain(countedOnce('GET', '', 404));
      expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    });
  });
});
