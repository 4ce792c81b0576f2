import { describe, expect, it } from 'vitest';
import {
  failureCount,
  noFailures,
  shapeResults,
  type BenchTarget,
  type RunRecord,
  type ScenarioInfo,
} from './results.js';

const targets: BenchTarget[] = [
  { name: 'sql-limit', kind: 'limit', label: 'sql-limit', framework: 'sql-limit' },
  { name: 'node-http', kind: 'limit', label: 'node:http', framework: 'node-http' },
  {
    name: 'express',
    kind: 'starter',
    label: 'Express 5',
    framework: 'express',
    hello: 'hello-express',
    starter: 'express',
  },
  { name: 'hello-express', kind: 'hello', label: 'Express hello', framework: 'express' },
];
const scenarios: ScenarioInfo[] = [
  { id: 'health', request: 'GET /health', description: '', database: false, status: 200 },
  { id: 'get-task', request: 'GET /tasks/{id}', description: '', database: true, status: 200 },
];

function run(
  target: string,
  scenario: RunRecord['scenario'],
  round: number,
  rps: number,
): RunRecord {
  return {
    round,
    target,
    scenario,
    requests: rps * 4,
    loadCpu: 0.5,
    rps,
    latencyP50Ms: 1,
    latencyP99Ms: 3,
    rssPeakMb: target === 'hello-express' ? 50 : 100,
    ...noFailures(),
  };
}

// Round 2 runs on a machine twice as busy: every figure halves, the ratios do not move.
const runs: RunRecord[] = [
  run('node-http', 'health', 1, 1000),
  run('express', 'health', 1, 600),
  run('hello-express', 'health', 1, 750),
  run('node-http', 'health', 2, 500),
  run('express', 'health', 2, 300),
  run('hello-express', 'health', 2, 375),
  run('sql-limit', 'get-task', 1, 800),
  run('node-http', 'get-task', 1, 200),
  run('express', 'get-task', 1, 180),
  run('sql-limit', 'get-task', 2, 400),
  run('node-http', 'get-task', 2, 100),
  run('express', 'get-task', 2, 90),
];

describe('shapeResults', () => {
  const { results, summaries } = shapeResults(targets, scenarios, runs, [
    { round: 1, target: 'sql-limit', ms: 90 },
    { round: 1, target: 'node-http', ms: 100 },
    { round: 1, target: 'express', ms: 150 },
    { round: 1, target: 'hello-express', ms: 50 },
  ]);
  const result = (target: string, scenario: string) =>
    results.find((r) => r.target === target && r.scenario === scenario)!;

  it('reports the median and range of each figure over the rounds', () => {
    expect(result('express', 'health').figures.rps).toEqual({
      median: 450,
      min: 300,
      max: 600,
      n: 2,
    });
  });

  it('computes ratios within each round, so drift between rounds cancels out', () => {
    expect(result('express', 'health').ratios.limit?.rps).toEqual({
      median: 0.6,
      min: 0.6,
      max: 0.6,
      n: 2,
    });
    expect(result('express', 'health').ratios.framework?.rps).toEqual({
      median: 0.8,
      min: 0.8,
      max: 0.8,
      n: 2,
    });
    expect(result('express', 'get-task').ratios.limit?.rps?.median).toBeCloseTo(0.9);
  });

  it('compares a telemetry-on twin with its starter, round by round, and not with the hello-world', () => {
    const twin: BenchTarget = {
      name: 'express-telemetry',
      kind: 'starter',
      label: 'Express 5, telemetry on',
      framework: 'express',
      starter: 'express',
      telemetryOf: 'express',
    };
    const shaped = shapeResults(
      [...targets, twin],
      scenarios,
      [
        ...runs,
        run('express-telemetry', 'health', 1, 540),
        run('express-telemetry', 'health', 2, 270),
      ],
      [],
    ).results.find((r) => r.target === 'express-telemetry' && r.scenario === 'health')!;
    expect(shaped.ratios.telemetryOff?.rps).toEqual({ median: 0.9, min: 0.9, max: 0.9, n: 2 });
    expect(shaped.ratios.framework).toBeUndefined();
  });

  it('compares node-http and every starter with sql-limit on the database scenarios', () => {
    expect(result('node-http', 'get-task').ratios).toEqual({
      sqlLimit: {
        rps: { median: 0.25, min: 0.25, max: 0.25, n: 2 },
        latencyP50Ms: { median: 1, min: 1, max: 1, n: 2 },
        latencyP99Ms: { median: 1, min: 1, max: 1, n: 2 },
        rssPeakMb: { median: 1, min: 1, max: 1, n: 2 },
      },
    });
    const express = result('express', 'get-task').ratios;
    expect(express.sqlLimit?.rps).toEqual({ median: 0.225, min: 0.225, max: 0.225, n: 2 });
    expect(express.limit?.rps?.median).toBeCloseTo(0.9);
  });

  it('compares sql-limit with nothing, and nothing with it on GET /health', () => {
    expect(result('sql-limit', 'get-task').ratios).toEqual({});
    expect(result('express', 'health').ratios.sqlLimit).toBeUndefined();
    expect(result('node-http', 'health').ratios).toEqual({});
  });

  it('compares a hello-world with node-http only', () => {
    expect(result('hello-express', 'health').ratios).toEqual({
      limit: expect.objectContaining({ rps: { median: 0.75, min: 0.75, max: 0.75, n: 2 } }),
    });
  });

  it('has no result for a scenario a target does not serve', () => {
    expect(results.some((r) => r.target === 'hello-express' && r.scenario === 'get-task')).toBe(
      false,
    );
  });

  it('sums failures over the rounds', () => {
    const failing = shapeResults(
      targets,
      scenarios,
      [
        { ...run('express', 'health', 1, 10), non2xx: 2, mismatches: 1 },
        { ...run('express', 'health', 2, 10), errors: 3, timeouts: 3 },
      ],
      [],
    );
    const failures = failing.results[0]!.failures;
    expect(failures).toEqual({
      non2xx: 2,
      unexpectedStatus: 0,
      errors: 3,
      timeouts: 3,
      mismatches: 1,
    });
    expect(failureCount(failures)).toBe(6);
  });

  it('summarizes cold start and peak RSS per target, with their ratios', () => {
    const express = summaries.find((s) => s.target === 'express')!;
    expect(express.coldStartMs?.median).toBe(150);
    expect(express.coldStartRatios).toEqual({
      limit: { median: 1.5, min: 1.5, max: 1.5, n: 1 },
      framework: { median: 3, min: 3, max: 3, n: 1 },
    });
    expect(express.peakRssMb).toBe(100);
    expect(express.peakRssRatios).toEqual({ limit: 1, framework: 2 });
  });

  it('gives the references no cold-start or memory ratio to each other', () => {
    for (const name of ['sql-limit', 'node-http']) {
      const summary = summaries.find((s) => s.target === name)!;
      expect(summary.coldStartMs?.median).toBeGreaterThan(0);
      expect(summary.coldStartRatios).toEqual({});
      expect(summary.peakRssRatios).toEqual({});
    }
  });
});
