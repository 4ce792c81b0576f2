import { describe, expect, it } from 'vitest';
import { caveats, type CaveatInputs } from './caveats.js';
import { noFailures, type RunRecord } from './results.js';
import { scenarios } from './scenarios.js';

function run(
  target: string,
  scenario: RunRecord['scenario'],
  rps: number,
  loadCpu = 0.5,
): RunRecord {
  return {
    round: 1,
    target,
    scenario,
    requests: 1,
    loadCpu,
    rps,
    latencyP50Ms: 1,
    latencyP99Ms: 2,
    rssPeakMb: 1,
    ...noFailures(),
  };
}

const base: CaveatInputs = {
  machine: { cpus: 2, cpuModel: 'x', memoryGb: 1, node: 'v24', platform: 'linux', loadAverage: 0 },
  pinning: { server: 0, load: 1 },
  database: 'postgres',
  targets: [{ name: 'hello-hono', kind: 'hello', label: 'Hono, hello-world', framework: 'hono' }],
  scenarios,
  runs: [],
  results: [],
};

describe('caveats', () => {
  it('tells a reader on 2 cores to compare ratios', () => {
    expect(caveats(base)[0]).toMatch(/2 cores.*compare the ratios/);
  });

  it('says when the domain’s work, not the framework, dominates the database routes', () => {
    const text = caveats({
      ...base,
      runs: [
        run('node-http', 'health', 20_000),
        run('node-http', 'list-tasks', 900),
        run('node-http', 'get-task', 1_100),
        run('sql-limit', 'list-tasks', 7_000),
        run('sql-limit', 'get-task', 9_000),
      ],
    }).join('\n');
    expect(text).toMatch(
      /dominates.*the domain on node:http reached at most 1100 req\/s there against 20000 on GET \/health \(sql-limit, the same work in the fewest SQL statements: at most 9000\)/,
    );
  });

  it('counts the ratios to sql-limit among those that moved too much', () => {
    const text = caveats({
      ...base,
      results: [
        {
          target: 'node-http',
          scenario: 'get-task',
          figures: {},
          ratios: { sqlLimit: { rps: { median: 0.2, min: 0.1, max: 0.3, n: 3 } } },
          failures: noFailures(),
          requests: 1,
        },
      ],
    }).join('\n');
    expect(text).toContain('1 of 1 requests/s ratios moved more than ±10% between rounds');
  });

  it('names the runs where the load generator was the bottleneck', () => {
    const text = caveats({
      ...base,
      runs: [run('hello-hono', 'health', 50_000, 0.97), run('hello-hono', 'health', 50_000, 0.95)],
    }).join('\n');
    expect(text).toContain('Hono, hello-world on GET /health, 2×');
  });

  it('counts the ratios that moved too much between rounds, and blames the machine’s load', () => {
    const result = (median: number, min: number, max: number) => ({
      target: 'express',
      scenario: 'health' as const,
      figures: {},
      ratios: { limit: { rps: { median, min, max, n: 3 } } },
      failures: noFailures(),
      requests: 1,
    });
    const text = caveats({
      ...base,
      machine: { ...base.machine, loadAverage: 6, loadAverageEnd: 3 },
      results: [result(1, 0.98, 1.02), result(0.5, 0.3, 0.7)],
    }).join('\n');
    expect(text).toContain('1 of 2 requests/s ratios moved more than ±10% between rounds');
    expect(text).toContain('load average 6 at the start, 3 at the end');
  });

  it('warns that PGlite measures itself, and that unpinned runs are noisier', () => {
    const text = caveats({
      ...base,
      database: 'pglite',
      pinning: { server: null, load: null },
    }).join('\n');
    expect(text).toMatch(/PGlite/);
    expect(text).toMatch(/not pinned/);
  });
});
