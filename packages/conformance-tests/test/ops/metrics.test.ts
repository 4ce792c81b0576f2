import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BootedServer } from '../../src/boot.js';
import { client, randomPassword, uniqueEmail } from '../support/api.js';
import { capabilities } from '../support/context.js';
import {
  bootInstance,
  instanceClient,
  ownDatabase,
  type OwnDatabase,
} from '../support/instance.js';
import { expectProblem, expectUnauthorized } from '../support/problems.js';
import { type Exposition, parseExposition, sampleValue } from '../support/prometheus.js';

/** How many times the test reads one task; the histogram must count exactly these. */
const READS = 3;
const DURATION_COUNT = 'http_server_request_duration_seconds_count';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('GET /metrics', () => {
  it('returns 404 not_found on a server not started with METRICS_ENABLED, like any unknown path', async () => {
    expectProblem(await client().get('/metrics'), 404, 'not_found');
  });
});

// Metrics are off unless configured, so the target under test serves none: an instance of its own
// is started with them on, and a token.
describe.runIf(capabilities.bootable)('GET /metrics with METRICS_ENABLED and METRICS_TOKEN', () => {
  const token = randomBytes(24).toString('hex');
  let db: OwnDatabase;
  let server: BootedServer;

  async function scrape(): Promise<Exposition> {
    const res = await instanceClient(server.baseUrl, { token }).get('/metrics');
    expect(res.status).toBe(200);
    return parseExposition(res.text);
  }

  beforeAll(async () => {
    db = await ownDatabase('metrics');
    server = await bootInstance(db.database.url, 'metrics', {
      METRICS_ENABLED: 'true',
      METRICS_TOKEN: token,
    });
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    await db?.release();
  }, 60_000);

  it('returns 401 unauthorized without the token', async () => {
    expectUnauthorized(await instanceClient(server.baseUrl).get('/metrics'), 'unauthorized');
  });

  it('returns 401 invalid_token with another token, an access token included', async () => {
    const other = randomBytes(24).toString('hex');
    expectUnauthorized(
      await instanceClient(server.baseUrl, { token: other }).get('/metrics'),
      'invalid_token',
    );
    const res = await instanceClient(server.baseUrl).post('/auth/register', {
      json: { email: uniqueEmail('metrics'), password: randomPassword(), name: 'Metrics' },
    });
    expect(res.status).toBe(201);
    expectUnauthorized(
      await instanceClient(server.baseUrl, { token: res.body.accessToken }).get('/metrics'),
      'invalid_token',
    );
  });

  it('returns 200 with the token, in the Prometheus text format', async () => {
    const res = await instanceClient(server.baseUrl, { token }).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; *version=0\.0\.4/);
    const { types } = parseExposition(res.text);
    expect(types.get('http_server_request_duration_seconds')).toBe('histogram');
    expect(types.get('http_server_active_requests')).toBe('gauge');
  });

  it('counts each request under its route template and status, never under its path', async () => {
    const registered = await instanceClient(server.baseUrl).post('/auth/register', {
      json: { email: uniqueEmail('metrics'), password: randomPassword(), name: 'Metrics' },
    });
    expect(registered.status).toBe(201);
    const api = instanceClient(server.baseUrl, { token: registered.body.accessToken });
    const created = await api.post('/tasks', { json: { title: 'Counted' } });
    expect(created.status).toBe(201);
    const series = {
      http_request_method: 'GET',
      http_route: '/tasks/{id}',
      http_response_status_code: '200',
    };

    const before = sampleValue(await scrape(), DURATION_COUNT, series);
    for (let i = 0; i < READS; i++) {
      expect((await api.get(`/tasks/${created.body.id}`)).status).toBe(200);
    }
    expectProblem(await api.get(`/no-such-route/${randomUUID()}`), 404, 'not_found');
    const after = await scrape();

    expect(sampleValue(after, DURATION_COUNT, series) - before).toBe(READS);
    // The 404 is counted, under no route: an unmatched path must not make a series of its own.
    const unmatched = after.samples.filter(
      (s) => s.name === DURATION_COUNT && s.labels.http_response_status_code === '404',
    );
    expect(unmatched.map((s) => s.labels.http_route)).toEqual(['']);
    const withPath = after.samples.filter((s) => Object.values(s.labels).some((v) => UUID.test(v)));
    expect(withPath).toEqual([]);
  });

  it('reports the database pool and the process', async () => {
    const exposition = await scrape();
    const names = new Set(exposition.samples.map((s) => s.name));
    for (const name of [
      'db_client_connection_count',
      'db_client_connection_max',
      'db_client_connection_pending_requests',
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(names, name).toContain(name);
    }
    expect(sampleValue(exposition, 'db_client_connection_max', {})).toBeGreaterThan(0);
    const states = exposition.samples
      .filter((s) => s.name === 'db_client_connection_count')
      .map((s) => s.labels.db_client_connection_state);
    expect(states.sort()).toEqual(['idle', 'used']);
  });
});
