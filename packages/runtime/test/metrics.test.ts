import { describe, expect, it } from 'vitest';
import { Metrics, openApiPath } from '../src/index.js';

const pool = () => ({ max: 10, total: 3, idle: 2, pending: 1 });

/** The value of one sample line of the exposition, by its name and labels as printed. */
async function sample(metrics: Metrics, series: string): Promise<number | undefined> {
  const line = (await metrics.render()).split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const taskSeries =
  'http_request_method="GET",http_route="/tasks/{id}",http_response_status_code="200"';

describe('Metrics', () => {
  it('counts a request under the contract template of its route, method and status', async () => {
    const metrics = new Metrics({ pool });
    for (let i = 0; i < 3; i++) {
      metrics.endRequest('GET', '/tasks/:id', 200, metrics.startRequest('GET'));
    }
    metrics.endRequest('GET', '/tasks/{id}', 200, metrics.startRequest('GET'));
    const count = `http_server_request_duration_seconds_count{${taskSeries}}`;
    expect(await sample(metrics, count)).toBe(4);
    const inf = `http_server_request_duration_seconds_bucket{le="+Inf",${taskSeries}}`;
    expect(await sample(metrics, inf)).toBe(4);
  });

  it('uses the semantic conventions’ buckets, from 5 ms to 10 s', async () => {
    const metrics = new Metrics({ pool });
    metrics.endRequest('GET', '/health', 200, metrics.startRequest('GET'));
    const les = (await metrics.render())
      .split('\n')
      .filter((l) => l.startsWith('http_server_request_duration_seconds_bucket'))
      .map((l) => /le="([^"]+)"/.exec(l)![1]);
    expect(les).toEqual([
      ...['0.005', '0.01', '0.025', '0.05', '0.075', '0.1', '0.25', '0.5', '0.75'],
      ...['1', '2.5', '5', '7.5', '10', '+Inf'],
    ]);
  });

  it('puts every unmatched request in one series with an empty route, whatever its path', async () => {
    const metrics = new Metrics({ pool });
    metrics.endRequest('GET', undefined, 404, metrics.startRequest('GET'));
    metrics.endRequest('GET', undefined, 404, metrics.startRequest('GET'));
    const series = 'http_request_method="GET",http_route="",http_response_status_code="404"';
    expect(await sample(metrics, `http_server_request_duration_seconds_count{${series}}`)).toBe(2);
  });

  it('reports a method outside HTTP’s own as _OTHER, so clients cannot add series', async () => {
    const metrics = new Metrics({ pool });
    metrics.endRequest('BREW', undefined, 404, metrics.startRequest('BREW'));
    const text = await metrics.render();
    expect(text).toContain('http_request_method="_OTHER"');
    expect(text).not.toContain('BREW');
  });

  it('counts requests in flight until they end or are abandoned', async () => {
    const metrics = new Metrics({ pool });
    const active = 'http_server_active_requests{http_request_method="POST"}';
    const first = metrics.startRequest('POST');
    metrics.startRequest('POST');
    expect(await sample(metrics, active)).toBe(2);
    metrics.endRequest('POST', '/tasks', 201, first);
    metrics.abandonRequest('POST');
    expect(await sample(metrics, active)).toBe(0);
    // An abandoned request was never answered: the histogram has only the one that was.
    expect(
      await sample(
        metrics,
        'http_server_request_duration_seconds_count{http_request_method="POST",http_route="/tasks",http_response_status_code="201"}',
      ),
    ).toBe(1);
  });

  it('reads the database pool at each scrape', async () => {
    const stats = { max: 10, total: 3, idle: 2, pending: 1 };
    const metrics = new Metrics({ pool: () => stats });
    expect(
      await sample(metrics, 'db_client_connection_count{db_client_connection_state="idle"}'),
    ).toBe(2);
    expect(
      await sample(metrics, 'db_client_connection_count{db_client_connection_state="used"}'),
    ).toBe(1);
    expect(await sample(metrics, 'db_client_connection_max')).toBe(10);
    expect(await sample(metrics, 'db_client_connection_pending_requests')).toBe(1);
    stats.pending = 4;
    expect(await sample(metrics, 'db_client_connection_pending_requests')).toBe(4);
  });

  it("includes Node's process metrics, in Prometheus' text format", async () => {
    const metrics = new Metrics({ pool });
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await metrics.render();
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
  });

  it('keeps each instance’s metrics apart', async () => {
    const a = new Metrics({ pool });
    const b = new Metrics({ pool });
    a.endRequest('GET', '/tasks/:id', 200, a.startRequest('GET'));
    expect(
      await sample(b, `http_server_request_duration_seconds_count{${taskSeries}}`),
    ).toBeUndefined();
  });
});

describe('Metrics.authorize', () => {
  const token = 'metrics-token-0123456789';

  it('lets anyone in when the server has no METRICS_TOKEN', () => {
    expect(new Metrics({ pool }).authorize(undefined)).toBeUndefined();
  });

  it('lets in exactly the bearer of the METRICS_TOKEN', () => {
    const metrics = new Metrics({ token, pool });
    expect(metrics.authorize(`Bearer ${token}`)).toBeUndefined();
    expect(metrics.authorize(`bearer ${token}`)).toBeUndefined();
  });

  it('refuses no token as unauthorized, and any other as invalid_token', () => {
    const metrics = new Metrics({ token, pool });
    expect(metrics.authorize(undefined)?.[0]).toBe('unauthorized');
    expect(metrics.authorize(`Basic ${token}`)?.[0]).toBe('unauthorized');
    expect(metrics.authorize(`Bearer ${token}x`)?.[0]).toBe('invalid_token');
    expect(metrics.authorize(`Bearer ${token.slice(0, -1)}`)?.[0]).toBe('invalid_token');
    expect(metrics.authorize('Bearer x')?.[0]).toBe('invalid_token');
  });
});

describe('openApiPath', () => {
  it('spells router parameters as the contract does', () => {
    expect(openApiPath('/tasks/:id')).toBe('/tasks/{id}');
    expect(openApiPath('/auth/sessions/:id')).toBe('/auth/sessions/{id}');
    expect(openApiPath('/tasks/{id}')).toBe('/tasks/{id}');
  });

  it('drops the trailing slash of a route at its router’s root, but not the root itself', () => {
    expect(openApiPath('/health/')).toBe('/health');
    expect(openApiPath('/')).toBe('/');
  });
});
