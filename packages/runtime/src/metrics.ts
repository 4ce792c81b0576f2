import { createHash, timingSafeEqual } from 'node:crypto';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PoolStats } from '@rosetta/domain';
import { bearerToken, type Failure, failures } from '@rosetta/shared-contract';

/**
 * OpenTelemetry's HTTP semantic conventions, as Prometheus spells them: dots become underscores and
 * the unit becomes a suffix (`http.server.request.duration` in seconds). Every starter reports under
 * these names, so one dashboard reads them all.
 */
const DURATION = 'http_server_request_duration_seconds';
const ACTIVE = 'http_server_active_requests';
// The buckets the conventions recommend for http.server.request.duration.
const DURATION_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

/**
 * Methods outside this set are `_OTHER`, as the conventions ask: a client choosing the method must not
 * choose how many series there are.
 */
const KNOWN_METHODS = new Set([
  'CONNECT',
  'DELETE',
  'GET',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'POST',
  'PUT',
  'TRACE',
]);

/**
 * The route of a request no route matched (a 404, a CORS preflight answered before routing). The
 * conventions leave `http.route` out then; in Prometheus an empty label is the same as none, and one
 * fixed value keeps every unmatched path in one series.
 */
export const UNMATCHED_ROUTE = '';

type Observe = (seconds: number) => void;

/**
 * What one place in the process owns: the registry, its HTTP and pool metrics and Node's own. Servers
 * call {@link startRequest} and {@link endRequest} from their framework's hooks, and serve
 * {@link render} at `GET /metrics` once {@link authorize} lets the caller in.
 */
export class Metrics {
  readonly registry = new Registry();
  /** The Prometheus text format's media type, for the response's Content-Type. */
  readonly contentType = this.registry.contentType;
  readonly #token: Buffer | undefined;
  readonly #active: Gauge<'http_request_method'>;
  readonly #duration: Histogram<'http_request_method' | 'http_route' | 'http_response_status_code'>;
  // A series' child is looked up here, not rebuilt: the request path allocates no label object.
  readonly #activeByMethod = new Map<string, Gauge.Internal<'http_request_method'>>();
  readonly #series = new Map<string, Map<string, Map<number, Observe>>>();
  readonly #templates = new Map<string, string>();

  constructor(options: { token?: string | undefined; pool: () => PoolStats }) {
    this.#token = options.token === undefined ? undefined : digest(options.token);
    const registers = [this.registry];
    this.#active = new Gauge({
      name: ACTIVE,
      help: 'Number of active HTTP server requests.',
      labelNames: ['http_request_method'],
      registers,
    });
    this.#duration = new Histogram({
      name: DURATION,
      help: 'Duration of HTTP server requests.',
      labelNames: ['http_request_method', 'http_route', 'http_response_status_code'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    registerPoolGauges(this.registry, options.pool);
    collectDefaultMetrics({ register: this.registry });
  }

  /** A request arrived: counts it in flight and returns its start, for {@link endRequest}. */
  startRequest(method: string): number {
    this.#activeFor(method).inc();
    return performance.now();
  }

  /**
   * The request that {@link startRequest} began has been answered. `route` is the
   * framework's template of the route that matched (`/tasks/:id` or `/tasks/{id}`), never the path;
   * undefined when none did.
   */
  endRequest(method: string, route: string | undefined, status: number, start: number): void {
    this.#activeFor(method).dec();
    this.#observer(method, route, status)((performance.now() - start) / 1000);
  }

  /**
   * Whether `authorization` (the request's header) may read the metrics: undefined when it may, else
   * the 401 to answer. Without a METRICS_TOKEN anyone may. The token is compared as SHA-256 digests in
   * constant time, so neither its length nor its bytes leak through response times.
   */
  authorize(authorization: string | undefined): Failure | undefined {
    if (this.#token === undefined) return undefined;
    const token = bearerToken(authorization);
    if (token === undefined) return failures.missingToken;
    return timingSafeEqual(digest(token), this.#token) ? undefined : failures.invalidMetricsToken;
  }

  /**
   * The client of a request that {@link startRequest} began went away before it was answered: it
   * leaves the in-flight gauge, and the histogram, which counts answers, does not see it.
   */
  abandonRequest(method: string): void {
    this.#activeFor(method).dec();
  }

  /** Every metric in the Prometheus text format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  #activeFor(method: string) {
    const known = KNOWN_METHODS.has(method) ? method : '_OTHER';
    let child = this.#activeByMethod.get(known);
    if (!child) {
      child = this.#active.labels(known);
      this.#activeByMethod.set(known, child);
    }
    return child;
  }

  #observer(method: string, route: string | undefined, status: number): Observe {
    const known = KNOWN_METHODS.has(method) ? method : '_OTHER';
    const template = route === undefined ? UNMATCHED_ROUTE : this.#template(route);
    let byRoute = this.#series.get(known);
    if (!byRoute) this.#series.set(known, (byRoute = new Map()));
    let byStatus = byRoute.get(template);
    if (!byStatus) byRoute.set(template, (byStatus = new Map()));
    let observe = byStatus.get(status);
    if (!observe) {
      observe = this.#duration.labels(known, template, String(status)).observe;
      byStatus.set(status, observe);
    }
    return observe;
  }

  /** `/tasks/:id` as the contract spells it, `/tasks/{id}`; worked out once per route. */
  #template(route: string): string {
    let template = this.#templates.get(route);
    if (template === undefined) {
      template = openApiPath(route);
      this.#templates.set(route, template);
    }
    return template;
  }
}

/**
 * A router's path template in OpenAPI's spelling: `:name` segments become `{name}`, and a trailing
 * slash (a router mounted at `/health` serving `/`) goes. One rule for Express, Fastify and Hono,
 * which all write parameters as `:name`.
 */
export function openApiPath(route: string): string {
  const path = route.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/**
 * The pool under OpenTelemetry's database client conventions (`db.client.connection.*`), read when
 * Prometheus scrapes rather than kept up to date on every query.
 */
function registerPoolGauges(registry: Registry, pool: () => PoolStats): void {
  const registers = [registry];
  new Gauge({
    name: 'db_client_connection_count',
    help: 'Connections open in the database pool, by state (idle or used).',
    labelNames: ['db_client_connection_state'],
    registers,
    collect() {
      const { total, idle } = pool();
      this.set({ db_client_connection_state: 'idle' }, idle);
      this.set({ db_client_connection_state: 'used' }, total - idle);
    },
  });
  new Gauge({
    name: 'db_client_connection_max',
    help: 'The most connections the database pool opens.',
    registers,
    collect() {
      this.set(pool().max);
    },
  });
  new Gauge({
    name: 'db_client_connection_pending_requests',
    help: 'Queries waiting for a database connection.',
    registers,
    collect() {
      this.set(pool().pending);
    },
  });
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
