import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BootedServer } from '../../src/boot.js';
import { randomPassword, uniqueEmail } from '../support/api.js';
import { capabilities } from '../support/context.js';
import {
  bootInstance,
  instanceClient,
  ownDatabase,
  type OwnDatabase,
} from '../support/instance.js';
import {
  type CollectedSpan,
  descendants,
  OtlpCollector,
  SpanKind,
} from '../support/otlp-collector.js';

/** Spans are exported in batches; on a busy machine one may take a while. */
const EXPORT_TIMEOUT_MS = 60_000;

/**
 * `http.route` is the template in the framework's own syntax (`/tasks/:id` in Express, Fastify and
 * Hono), as the semantic conventions ask; the contract spells it `/tasks/{id}`.
 */
const asContractPath = (route: unknown) =>
  typeof route === 'string' ? route.replace(/:(\w+)/g, '{$1}') : undefined;

const isServerSpanOf = (method: string, path: string, status: number) => (span: CollectedSpan) =>
  span.kind === SpanKind.server &&
  span.attributes['http.request.method'] === method &&
  asContractPath(span.attributes['http.route']) === path &&
  span.attributes['http.response.status_code'] === status;

const isSqlSpan = (span: CollectedSpan) =>
  (span.attributes['db.system.name'] ?? span.attributes['db.system']) === 'postgresql' &&
  typeof (span.attributes['db.query.text'] ?? span.attributes['db.statement']) === 'string';

// Tracing is off unless an OTLP endpoint is configured, so an instance of its own is started with one:
// a collector this test runs on loopback.
describe.runIf(capabilities.bootable)('tracing with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  let collector: OtlpCollector;
  let db: OwnDatabase;
  let server: BootedServer;
  const password = randomPassword();
  const title = `Traced ${randomUUID()}`;
  let accessToken: string;
  let refreshToken: string;
  let taskId: string;

  beforeAll(async () => {
    collector = await OtlpCollector.start();
    db = await ownDatabase('tracing');
    server = await bootInstance(db.database.url, 'tracing', {
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      // A batch leaves 200 ms after its first span rather than the default 5 s.
      OTEL_BSP_SCHEDULE_DELAY: '200',
      // The request's log line, which must name its trace.
      LOG_LEVEL: 'info',
    });
    const registered = await instanceClient(server.baseUrl).post('/auth/register', {
      json: { email: uniqueEmail('tracing'), password, name: 'Traced' },
    });
    expect(registered.status).toBe(201);
    ({ accessToken, refreshToken } = registered.body);
    const created = await instanceClient(server.baseUrl, { token: accessToken }).post('/tasks', {
      json: { title },
    });
    expect(created.status).toBe(201);
    taskId = created.body.id;
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    await db?.release();
    await collector?.close();
  }, 60_000);

  it('exports a SERVER span per request, named by its route, with its status and its SQL below it', async () => {
    const res = await instanceClient(server.baseUrl, { token: accessToken }).get(
      `/tasks/${taskId}`,
    );
    expect(res.status).toBe(200);

    const { span, sql } = await collector.waitFor((spans) => {
      const found = spans.find(isServerSpanOf('GET', '/tasks/{id}', 200));
      const sql = found && descendants(spans, found).filter(isSqlSpan);
      return found && sql!.length > 0 ? { span: found, sql: sql! } : undefined;
    }, EXPORT_TIMEOUT_MS);

    expect(span.name).toBe(`GET ${span.attributes['http.route']}`);
    expect(span.parentSpanId ?? '').toBe('');
    expect(span.resource['service.name']).toEqual(expect.any(String));
    // The task is read from its table, in a statement of this request's own trace.
    expect(
      sql.some((s) =>
        /\btasks\b/.test(String(s.attributes['db.query.text'] ?? s.attributes['db.statement'])),
      ),
      sql.map((s) => s.name).join(', '),
    ).toBe(true);
  });

  it("ties the request's log line, by the X-Request-Id it answered with, to the trace", async () => {
    const requestId = randomUUID();
    const res = await instanceClient(server.baseUrl, { token: accessToken }).get('/users/me', {
      headers: { 'x-request-id': requestId },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe(requestId);

    const span = await collector.waitFor(
      (spans) => spans.find(isServerSpanOf('GET', '/users/me', 200)),
      EXPORT_TIMEOUT_MS,
    );
    // The logger writes in the background: the line may land a moment after the answer.
    const deadline = Date.now() + EXPORT_TIMEOUT_MS;
    let logged: Record<string, unknown> | undefined;
    while (!logged && Date.now() < deadline) {
      logged = (await readFile(server.logFile, 'utf8'))
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((entry) => (entry.req as { id?: unknown } | undefined)?.id === requestId);
      if (!logged) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(logged, `no log line with req.id ${requestId} in ${server.logFile}`).toBeDefined();
    expect(logged!.trace_id).toBe(span.traceId);
  });

  it('puts no credential and no bound value of a statement in any span', async () => {
    const refreshed = await instanceClient(server.baseUrl).post('/auth/refresh', {
      json: { refreshToken },
    });
    expect(refreshed.status).toBe(200);
    await collector.waitFor(
      (spans) => spans.find(isServerSpanOf('POST', '/auth/refresh', 200)),
      EXPORT_TIMEOUT_MS,
    );
    const secrets = [password, accessToken, refreshToken, refreshed.body.refreshToken, title];
    const leaks = collector.spans.flatMap((span) =>
      Object.entries(span.attributes)
        .filter(([, value]) => secrets.some((secret) => String(value).includes(secret)))
        .map(([key]) => `${span.name}: ${key}`),
    );
    expect(leaks).toEqual([]);
    expect(collector.rejected).toEqual([]);
  });
});
