import { describe, expect, it } from 'vitest';
import {
  coverageRows,
  domainVsSqlLimit,
  matrixGroups,
  reliabilityGroups,
  summaryRows,
  variantComparisons,
  viewerData,
} from '../src/model.js';
import {
  benchReport,
  conformanceReport,
  inputs,
  withTelemetry,
  withVariant,
} from './support/fixtures.js';

describe('summaryRows', () => {
  it('puts conformance, benchmark ratios and lines of code of each starter in one row', () => {
    const [express, hono] = summaryRows(inputs());
    expect(express).toMatchObject({
      name: 'express',
      label: 'Express 5',
      conformance: { passed: 3, failed: 0, na: 0, covered: 2, total: 2 },
      healthVsFramework: { median: 0.7 },
      databaseVsLimit: [{ request: 'GET /tasks/{id}', short: 'read', ratio: { median: 0.95 } }],
      databaseVsSqlLimit: [
        { request: 'GET /tasks/{id}', short: 'read', ratio: { median: 0.42, min: 0.41 } },
      ],
      coldStartMs: { median: 520 },
      coldStartVsFramework: { median: 4 },
      peakRssMb: 180,
      peakRssVsFramework: 2,
      locSource: 3,
      locTests: 1,
    });
    expect(hono).toMatchObject({
      name: 'hono',
      label: 'Hono 4',
      databaseVsLimit: [],
      databaseVsSqlLimit: [],
    });
    expect(hono!.healthVsFramework).toBeUndefined();
    expect(hono!.coldStartVsFramework).toBeUndefined();
  });

  it('lists a bench-only variant right after its starter', () => {
    const bench = benchReport();
    bench.targets.push({
      name: 'nest-fastify',
      kind: 'starter',
      label: 'NestJS (Fastify)',
      framework: 'nest-fastify',
      starter: 'nest',
    });
    const rows = summaryRows(
      inputs({
        bench,
        starters: [
          { name: 'nest', dir: '/n' },
          { name: 'express', dir: '/e' },
        ],
      }),
    );
    expect(rows.map((r) => r.name)).toEqual(['nest', 'nest-fastify', 'express']);
  });

  it('leaves benchmark figures out when there is no benchmark', () => {
    const [express] = summaryRows(inputs({ bench: undefined }));
    expect(express!.coldStartMs).toBeUndefined();
    expect(express!.conformance).toBeDefined();
  });
});

describe('telemetry on vs off', () => {
  it("puts a starter's telemetry-on twin in its row, not in a row or a variant line of its own", () => {
    const bench = withTelemetry(benchReport(), 0.85);
    const rows = summaryRows(inputs({ bench }));
    expect(rows.map((r) => r.name)).not.toContain('express-telemetry');
    expect(rows.find((r) => r.name === 'express')!.telemetryVsOff).toEqual([
      { request: 'GET /health', short: 'health', ratio: expect.objectContaining({ median: 0.85 }) },
    ]);
    expect(rows.find((r) => r.name === 'hono')!.telemetryVsOff).toEqual([]);
    expect(variantComparisons(bench)).toEqual([]);
  });
});

describe('variantComparisons', () => {
  it('compares a variant with its starter on every scenario both ran, and their peak RSS', () => {
    const bench = withVariant(benchReport(), 15_000, 200);
    expect(variantComparisons(bench)).toEqual([
      {
        name: 'express-turbo',
        label: 'Express 5 (turbo)',
        starterLabel: 'Express 5',
        requests: [{ request: 'GET /health', ratio: 1.25 }],
        rssDeltaMb: 20,
      },
    ]);
  });

  it('has nothing to say without variants', () => {
    expect(variantComparisons(benchReport())).toEqual([]);
  });
});

describe('domainVsSqlLimit', () => {
  it('gives the domain on node:http’s ratio to sql-limit on each database scenario', () => {
    expect(domainVsSqlLimit(benchReport())).toEqual([
      {
        request: 'GET /tasks/{id}',
        short: 'read',
        ratio: { median: 0.44, min: 0.42, max: 0.46, n: 3 },
      },
    ]);
  });

  it('has none when sql-limit was not measured', () => {
    const bench = benchReport();
    for (const r of bench.results) delete r.ratios.sqlLimit;
    expect(domainVsSqlLimit(bench)).toEqual([]);
  });
});

describe('matrixGroups', () => {
  it('makes one row per test across targets, grouped by file, with per-target failures', () => {
    const failing = conformanceReport('hono');
    failing.tests[1] = { ...failing.tests[1]!, status: 'failed' };
    failing.tests.pop();
    const groups = matrixGroups([conformanceReport('express'), failing]);
    expect(groups.map((g) => g.file)).toEqual(['harness', 'test/tasks/get-task.test.ts']);
    const tasks = groups[1]!;
    expect(tasks.rows.map((r) => r.statuses)).toEqual([
      ['passed', 'failed'],
      ['passed', undefined],
    ]);
    expect(tasks.rows[0]!.title).toBe('GET /tasks/{id} › returns the task');
    expect(tasks.failed).toEqual([0, 1]);
  });
});

describe('coverageRows', () => {
  it('tells covered, missing and excluded pairs apart', () => {
    const gap = conformanceReport('hono', {
      coverage: {
        total: 2,
        covered: 1,
        missing: ['getTask 404'],
        excluded: [{ pair: 'getReadiness 503', reason: 'needs a second instance' }],
        counts: { 'getTask 200': 2 },
      },
    });
    const rows = coverageRows([conformanceReport('express'), gap]);
    expect(rows.find((r) => r.pair === 'getTask 404')!.cells).toEqual([
      { kind: 'covered', count: 1 },
      { kind: 'missing' },
    ]);
    expect(rows.find((r) => r.pair === 'getReadiness 503')!.cells[1]).toEqual({
      kind: 'excluded',
      reason: 'needs a second instance',
    });
  });
});

describe('viewerData', () => {
  it('gives the viewer each concern’s files per framework, each file once', () => {
    const data = viewerData(inputs());
    expect(data.frameworks.map((f) => f.name)).toEqual(['express', 'hono']);
    expect(data.cells.bootstrap!.hono).toEqual([
      { file: 'hono:src/server.ts', path: 'src/server.ts', loc: 3 },
    ]);
    expect(data.cells.routing!.hono).toEqual([]);
    expect(Object.keys(data.files)).toHaveLength(4);
    expect(data.loc.bootstrap).toEqual({ express: 2, hono: 3 });
  });

  it('adds the "other" concern only when a file needs it', () => {
    expect(viewerData(inputs()).concerns.map((c) => c.id)).not.toContain('other');
    const withOther = inputs();
    withOther.loc[1]!.byConcern.other = [{ path: 'src/extra.ts', loc: 1 }];
    withOther.code.hono!['src/extra.ts'] = ['x();'];
    expect(viewerData(withOther).concerns.map((c) => c.id)).toContain('other');
  });
});

describe('reliabilityGroups', () => {
  it('lists each group once, with test counts and every figure any target recorded', () => {
    const express = conformanceReport('express', {
      figures: { fuzzing: { seed: 1, requests: 10 }, soak: { rssEndMb: 90 } },
    });
    express.tests.push(
      {
        id: 'a',
        file: 'test/reliability/fuzzing.test.ts',
        suites: [],
        name: 'a',
        status: 'passed',
        durationMs: 1,
      },
      {
        id: 'b',
        file: 'test/reliability/scale-out.test.ts',
        suites: [],
        name: 'b',
        status: 'n/a',
        durationMs: 0,
      },
    );
    const hono = conformanceReport('hono', {
      figures: { fuzzing: { requests: 12, statuses: { '422': 3 } } },
    });
    const groups = reliabilityGroups([express, hono]);
    expect(groups.map((g) => g.name)).toEqual(['fuzzing', 'scale-out', 'soak']);
    expect(groups[0]).toEqual({
      name: 'fuzzing',
      tests: [
        { passed: 1, failed: 0, na: 0 },
        { passed: 0, failed: 0, na: 0 },
      ],
      figures: [
        { name: 'seed', values: [1, undefined] },
        { name: 'requests', values: [10, 12] },
        { name: 'statuses', values: [undefined, { '422': 3 }] },
      ],
    });
    expect(groups[1]!.tests[0]).toEqual({ passed: 0, failed: 0, na: 1 });
  });
});
