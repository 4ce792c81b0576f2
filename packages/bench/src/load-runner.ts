/**
 * The load generator: a separate process, pinned to its own core by the bench, that runs autocannon
 * against one URL and prints one JSON line with the figures. Every response is checked: deterministic
 * bodies (health, a fixed listing, a fixed task) must equal the one the bench validated against the
 * contract beforehand, byte for byte; others (a created task) are parsed and validated against the
 * contract's schema. A body that fails counts as a mismatch.
 *
 * Usage: node load-runner.js '<LoadSpec as JSON>'
 */
import autocannon from 'autocannon';
import { contractCheck } from './check.js';
import type { LoadRequest } from './scenarios.js';

export interface LoadSpec {
  baseUrl: string;
  request: LoadRequest;
  connections: number;
  durationSeconds: number;
  /** The exact body every response must have; otherwise the contract's schema decides. */
  exactBody?: string;
  /** Top-level members a schema-checked body must have with exactly these values. */
  fields?: Record<string, unknown>;
}

export interface LoadResult {
  requests: number;
  durationSeconds: number;
  rps: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  non2xx: number;
  unexpectedStatus: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  statusCodes: Record<string, number>;
  mismatchSample?: string;
  /** CPU the generator used over the run, as a share of one core: near 1, it was the bottleneck. */
  loadCpu: number;
}

function bodyCheck(spec: LoadSpec): (body: string) => boolean {
  if (spec.exactBody !== undefined) {
    const expected = spec.exactBody;
    return (body) => body === expected;
  }
  const valid = contractCheck(spec.request.operationId, spec.request.status);
  const fields = Object.entries(spec.fields ?? {});
  return (body) => {
    try {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      return valid(parsed).length === 0 && fields.every(([key, value]) => parsed[key] === value);
    } catch {
      return false;
    }
  };
}

async function main(spec: LoadSpec): Promise<LoadResult> {
  const check = bodyCheck(spec);
  let mismatchSample: string | undefined;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await autocannon({
    url: `${spec.baseUrl}${spec.request.path}`,
    method: spec.request.method,
    headers: spec.request.headers,
    ...(spec.request.body !== undefined && { body: spec.request.body }),
    connections: spec.connections,
    pipelining: 1,
    duration: spec.durationSeconds,
    timeout: 10,
    verifyBody: (raw) => {
      const body = typeof raw === 'string' ? raw : (raw?.toString('utf8') ?? '');
      if (check(body)) return true;
      mismatchSample ??= body.slice(0, 500);
      return false;
    },
  });
  const cpu = process.cpuUsage(cpuBefore);
  const loadCpu = (cpu.user + cpu.system) / 1000 / (performance.now() - started);
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
  );
  const unexpectedStatus = Object.entries(statusCodes)
    .filter(([code]) => code.startsWith('2') && Number(code) !== spec.request.status)
    .reduce((sum, [, count]) => sum + count, 0);
  const requests = result.requests.total;
  return {
    requests,
    durationSeconds: result.duration,
    rps: result.duration > 0 ? requests / result.duration : 0,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    non2xx: result.non2xx,
    unexpectedStatus,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches,
    statusCodes,
    ...(mismatchSample !== undefined && { mismatchSample }),
    loadCpu,
  };
}

main(JSON.parse(process.argv[2] ?? '{}') as LoadSpec).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
