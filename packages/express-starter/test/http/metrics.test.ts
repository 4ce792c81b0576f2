import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '@rosetta/domain';
import { expectProblem, fakeDomain } from '@rosetta/test-support';
import { testApp } from '../support/app.js';

const token = 'express-metrics-token-0123';

/** The exposition line of one histogram series' count, when it has counted one request. */
function countedOnce(method: string, route: string, status: number): string {
  const labels = `http_request_method="${method}",http_route="${route}",http_response_status_code="${status}"`;
  return `http_server_request_duration_seconds_count{${labels}} 1\n`;
}
const missing = randomUUID();
const domain = fakeDomain({
  tasks: {
    remove: async (_actor, id) => {
      if (id === missing) throw new NotFoundError('No such task.');
    },
  },
});

describe('GET /metrics', () => {
  it('is a 404 like any unknown path when metrics are off', async () => {
    expectProblem(await request(testApp(domain).app).get('/metrics'), 'not_found');
  });

  describe('with METRICS_ENABLED and a METRICS_TOKEN', () => {
    const { app } = testApp(domain, { metrics: { enabled: true, token } });

    it('returns 401 with WWW-Authenticate without the token', async () => {
      const res = await request(app).get('/metrics');
      expectProblem(res, 'unauthorized');
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expectProblem(
        await request(app).get('/metrics').auth('valid', { type: 'bearer' }),
        'invalid_token',
      );
    });

    it('returns 405 to another method', async () => {
      expectProblem(await request(app).post('/metrics'), 'method_not_allowed');
    });

    it('counts requests under the route template, a router’s mount path included', async () => {
      const id = randomUUID();
      await request(app).delete(`/tasks/${id}`).auth('valid', { type: 'bearer' }).expect(204);
      // Answered by the app's error handler, outside the router: still under the route that matched.
      await request(app).delete(`/tasks/${missing}`).auth('valid', { type: 'bearer' }).expect(404);
      await request(app).delete(`/tasks/${id}`).expect(401);
      await request(app).get('/health').expect(200);
      await request(app).get(`/nothing/${id}`).expect(404);
      const res = await request(app).get('/metrics').auth(token, { type: 'bearer' });
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
