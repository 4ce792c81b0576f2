import type { BenchReport, ScenarioResult } from '@rosetta/bench';
import type { TargetReport, TestRecord } from '@rosetta/conformance-tests/results';
import type { ReportInputs } from '../../src/model.js';

const spread = (median: number, min = median, max = median, n = 3) => ({
  median,
  min,
  max,
  n,
});

function test(
  file: string,
  suites: string[],
  name: string,
  status: TestRecord['status'],
): TestRecord {
  return { id: [file, ...suites, name].join(' > '), file, suites, name, status, durationMs: 3 };
}

export function conformanceReport(
  target: string,
  overrides: Partial<TargetReport> = {},
): TargetReport {
  const tests = [
    test('harness', ['starter lifecycle'], 'boots', 'passed'),
    test('test/tasks/get-task.test.ts', ['GET /tasks/{id}'], 'returns the task', 'passed'),
    test('test/tasks/get-task.test.ts', ['GET /tasks/{id}'], 'returns 404 for <script>', 'passed'),
  ];
  return {
    target,
    kind: 'starter',
    baseUrl: 'http://127.0.0.1:1234',
    database: { kind: 'postgres' },
    startedAt: '2026-01-02T03:04:05.000Z',
    timings: {},
    summary: { passed: 3, failed: 0, 'n/a': 0 },
    tests,
    coverage: {
      total: 2,
      covered: 2,
      missing: [],
      excluded: [],
      counts: { 'getTask 200': 4, 'getTask 404': 1 },
    },
    partial: false,
    reliability: { profile: 'quick', seed: 7 },
    figures: {},
    errors: [],
    logFile: undefined,
    ...overrides,
  };
}

function result(
  target: string,
  scenario: ScenarioResult['scenario'],
  rps: number,
  ratios: ScenarioResult['ratios'] = {},
): ScenarioResult {
  return {
    target,
    scenario,
    figures: {
      rps: spread(rps, rps * 0.95, rps * 1.05),
      latencyP50Ms: spread(2),
      latencyP99Ms: spread(9),
      rssPeakMb: spread(120),
    },
    ratios,
    failures: { non2xx: 0, unexpectedStatus: 0, errors: 0, timeouts: 0, mismatches: 0 },
    requests: rps * 12,
  };
}

export function benchReport(overrides: Partial<BenchReport> = {}): BenchReport {
  return {
    schema: 'rosetta-bench/1',
    kind: 'measurement',
    smokeReasons: [],
    startedAt: '2026-01-02T04:00:00.000Z',
    finishedAt: '2026-01-02T04:05:00.000Z',
    machine: {
      cpus: 2,
      cpuModel: 'Test CPU',
      memoryGb: 24,
      node: 'v24.21.0',
      platform: 'linux-x64',
      loadAverage: 0.5,
    },
    parameters: {
      durationSeconds: 4,
      warmupSeconds: 2,
      rounds: 3,
      connections: 50,
      pipelining: 1,
      seedTasks: 100,
      database: 'postgres',
      pinned: true,
      serverCore: 0,
      loadCore: 1,
      logLevel: 'starter default (info)',
    },
    goals: {
      healthVsFramework: 0.8,
      databaseVsLimit: 0.9,
      nodeHttpVsSqlLimit: 0.6,
      peakRssVsFrameworkMax: 1.6,
      coldStartVsFrameworkMax: 2,
    },
    targets: [
      { name: 'sql-limit', kind: 'limit', label: 'sql-limit (pg, no ORM)', framework: 'sql-limit' },
      {
        name: 'node-http',
        kind: 'limit',
        label: 'the domain on node:http',
        framework: 'node-http',
      },
      {
        name: 'express',
        kind: 'starter',
        label: 'Express 5',
        framework: 'express',
        hello: 'hello-express',
        starter: 'express',
      },
      {
        name: 'hello-express',
        kind: 'hello',
        label: 'Express 5, hello-world',
        framework: 'express',
      },
    ],
    scenarios: [
      { id: 'health', request: 'GET /health', description: 'bare', database: false, status: 200 },
      {
        id: 'get-task',
        request: 'GET /tasks/{id}',
        description: 'one task',
        database: true,
        status: 200,
      },
    ],
    results: [
      result('node-http', 'health', 38_800),
      result('express', 'health', 12_000, {
        limit: { rps: spread(0.31) },
        framework: { rps: spread(0.7, 0.68, 0.74) },
      }),
      result('hello-express', 'health', 17_000, { limit: { rps: spread(0.44) } }),
      result('sql-limit', 'get-task', 9_000),
      result('node-http', 'get-task', 4_000, { sqlLimit: { rps: spread(0.44, 0.42, 0.46) } }),
      result('express', 'get-task', 3_800, {
        sqlLimit: { rps: spread(0.42, 0.41, 0.43) },
        limit: { rps: spread(0.95, 0.93, 0.97) },
      }),
    ],
    summaries: [
      {
        target: 'sql-limit',
        coldStartMs: spread(380),
        coldStartRatios: {},
        peakRssMb: 110,
        peakRssRatios: {},
      },
      {
        target: 'node-http',
        coldStartMs: spread(400),
        coldStartRatios: {},
        peakRssMb: 150,
        peakRssRatios: {},
      },
      {
        target: 'express',
        coldStartMs: spread(520, 500, 560),
        coldStartRatios: { limit: spread(1.3), framework: spread(4) },
        peakRssMb: 180,
        peakRssRatios: { limit: 1.2, framework: 2 },
      },
      {
        target: 'hello-express',
        coldStartMs: spread(130),
        coldStartRatios: { limit: spread(0.33) },
        peakRssMb: 90,
        peakRssRatios: { limit: 0.6 },
      },
    ],
    runs: [],
    coldStarts: [],
    problems: [],
    caveats: ['This machine has 2 cores: compare the ratios.'],
    ...overrides,
  };
}

export function inputs(overrides: Partial<ReportInputs> = {}): ReportInputs {
  return {
    generatedAt: '2026-01-02T05:00:00.000Z',
    starters: [
      { name: 'express', dir: '/repo/packages/express-starter' },
      { name: 'hono', dir: '/repo/packages/hono-starter' },
    ],
    conformance: [conformanceReport('express'), conformanceReport('hono')],
    bench: benchReport(),
    inputProblems: [],
    concerns: [
      { id: 'bootstrap', title: 'Bootstrap', summary: 'Starts it.' },
      { id: 'routing', title: 'Routing', summary: 'Routes.' },
      { id: 'tests', title: 'Tests', summary: 'Tests.' },
    ],
    loc: [
      {
        starter: 'express',
        byConcern: {
          bootstrap: [{ path: 'src/server.ts', loc: 2 }],
          routing: [{ path: 'src/http/tasks.routes.ts', loc: 1 }],
          tests: [{ path: 'test/app.test.ts', loc: 1 }],
        },
        loc: { bootstrap: 2, routing: 1, tests: 1 },
        warnings: [],
      },
      {
        starter: 'hono',
        byConcern: { bootstrap: [{ path: 'src/server.ts', loc: 3 }] },
        loc: { bootstrap: 3 },
        warnings: [],
      },
    ],
    code: {
      express: {
        'src/server.ts': ['<span class="hljs-keyword">const</span> a = 1;', 'listen();'],
        'src/http/tasks.routes.ts': ['route(); // </script><script>alert(1)</script>'],
        'test/app.test.ts': ['it();'],
      },
      hono: { 'src/server.ts': ['serve();', 'a();', 'b();'] },
    },
    starterPaths: { express: 'packages/express-starter', hono: 'packages/hono-starter' },
    ...overrides,
  };
}

/**
 * `bench` with a variant of express, `express-turbo`, measured on GET /health at `rps` and with a
 * peak RSS of `peakRssMb`.
 */
export function withVariant(bench: BenchReport, rps: number, peakRssMb: number): BenchReport {
  bench.targets.push({
    name: 'express-turbo',
    kind: 'starter',
    label: 'Express 5 (turbo)',
    framework: 'express-turbo',
    starter: 'express',
  });
  const express = bench.results.find((r) => r.target === 'express' && r.scenario === 'health')!;
  bench.results.push({ ...express, target: 'express-turbo', figures: { rps: spread(rps) } });
  bench.summaries.push({
    target: 'express-turbo',
    coldStartRatios: {},
    peakRssMb,
    peakRssRatios: {},
  });
  return bench;
}

/** `bench` with express's telemetry-on twin, at `ratio` of express's requests/s on GET /health. */
export function withTelemetry(bench: BenchReport, ratio: number): BenchReport {
  bench.targets.push({
    name: 'express-telemetry',
    kind: 'starter',
    label: 'Express 5, telemetry on',
    framework: 'express',
    starter: 'express',
    telemetryOf: 'express',
  });
  const express = bench.results.find((r) => r.target === 'express' && r.scenario === 'health')!;
  bench.results.push({
    ...express,
    target: 'express-telemetry',
    ratios: { telemetryOff: { rps: spread(ratio) } },
  });
  bench.summaries.push({ target: 'express-telemetry', coldStartRatios: {}, peakRssRatios: {} });
  return bench;
}
