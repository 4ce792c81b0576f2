import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '@rosetta/domain';
import { expectProblem, fakeDomain } from '@rosetta/test-support';
import { type TestApp, testApp } from '../support/app.js';

const token = 'nest-metrics-token-0123456';
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
    const { server } = await testApp(domain);
    expectProblem(await request(server).get('/metrics'), 'not_found');
  });

  describe('with METRICS_ENABLED and a METRICS_TOKEN', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await testApp(domain, { metrics: { enabled: true, token } });
    });

    it('returns 401 with WWW-Authenticate without the token', async () => {
      const res = await request(app.server).get('/metrics');
      expectProblem(res, 'unauthorized');
      expect(res.headers['www-authenticate']).toBe('Bearer');
      const asUser = await request(app.server).get('/metrics').auth('valid', { type: 'bearer' });
      expectProblem(asUser, 'invalid_token');
    });

    it('returns 405 to another method', async () => {
      expectProblem(await request(app.server).post('/metrics'), 'method_not_allowed');
    });

    it('counts requests under the route template, guards’ and filters’ answers included', async () => {
      const id = randomUUID();
      const remove = (taskId: string) =>
        request(app.server).delete(`/tasks/${taskId}`).auth('valid', { type: 'bearer' });
      expect((await remove(id)).status).toBe(204);
      expect((await remove(missing)).status).toBe(404);
      expect((await request(app.server).delete(`/tasks/${id}`)).status).toBe(401);
      expect((await request(app.server).get('/health')).status).toBe(200);
      expect((await request(app.server).get(`/nothing/${id}`)).status).toBe(404);
      const res = await request(app.server).get('/metrics').auth(token, { type: 'bearer' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.text).toContain(countedOnce('DELETE', '/tasks/{id}', 204));
      expect(res.text).toContain(countedOnce('DELETE', '/tasks/{id}', 404));
      expect(res.text).toContain(countedOnce('DELETE', '/tasks/{id}', 401));
      expect(res.text).toContain(countedOnce('GET', '/health', 200));
      expect(res.text).toContain(countedOnce('GET', '', 404));
      expect(res.text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    });
  });
});
