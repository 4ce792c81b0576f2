import { describe, expect, it } from 'vitest';
import { formatRate, formatSpread } from './format.js';
import { noFailures, type BenchReport } from './results.js';
import { columns, renderTable } from './table.js';

const spread = (median: number, min = median, max = median) => ({ median, min, max, n: 3 });

const report: BenchReport = {
  schema: 'rosetta-bench/1',
  kind: 'smoke',
  smokeReasons: ['run with --quick (a CI smoke run)'],
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:05:00.000Z',
  machine: {
    cpus: 2,
    cpuModel: 'cpu',
    memoryGb: 24,
    node: 'v24',
    platform: 'linux-x64',
    loadAverage: 1,
  },
  parameters: {
    durationSeconds: 1,
    warmupSeconds: 1,
    rounds: 2,
    connections: 20,
    pipelining: 1,
    seedTasks: 100,
    database: 'postgres',
    pinned: true,
    serverCore: 0,
    loadCore: 1,
    logLevel: 'info',
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
    { name: 'node-http', kind: 'limit', label: 'the domain on node:http', framework: 'node-http' },
    { name: 'express', kind: 'starter', label: 'Express 5', framework: 'express' },
  ],
  scenarios: [
    { id: 'health', request: 'GET /health', description: 'bare', database: false, status: 200 },
    { id: 'get-task', request: 'GET /tasks/{id}', description: 'one', database: true, status: 200 },
  ],
  results: [
    {
      target: 'node-http',
      scenario: 'health',
      figures: { rps: spread(38_800, 37_100, 39_200) },
      ratios: {},
      failures: noFailures(),
      requests: 1,
    },
    {
      target: 'express',
      scenario: 'health',
      figures: { rps: spread(14_600) },
      ratios: { limit: { rps: spread(0.38, 0.36, 0.4) } },
      failures: { ...noFailures(), non2xx: 2 },
      requests: 1,
    },
    {
      target: 'sql-limit',
      scenario: 'get-task',
      figures: { rps: spread(9_600) },
      ratios: {},
      failures: noFailures(),
      requests: 1,
    },
    {
      target: 'node-http',
      scenario: 'get-task',
      figures: { rps: spread(1_100) },
      ratios: { sqlLimit: { rps: spread(0.11, 0.1, 0.12) } },
      failures: noFailures(),
      requests: 1,
    },
    {
      target: 'express',
      scenario: 'get-task',
      figures: { rps: spread(1_000) },
      ratios: { sqlLimit: { rps: spread(0.1) }, limit: { rps: spread(0.91) } },
      failures: noFailures(),
      requests: 1,
    },
  ],
  summaries: [
    {
      target: 'express',
      coldStartMs: spread(127),
      coldStartRatios: {},
      peakRssMb: 99,
      peakRssRatios: {},
    },
    {
      target: 'hono',
      coldStartMs: spread(300),
      coldStartRatios: { limit: spread(0.5), framework: spread(2.5) },
      peakRssMb: 180,
      peakRssRatios: { limit: 0.9, framework: 1.8 },
    },
  ],
  runs: [],
  coldStarts: [],
  problems: ['express, GET /health, round 1: 2 failed responses'],
  caveats: [],
};

describe('renderTable', () => {
  const text = renderTable(report);

  it('says a smoke run is not a measurement, and why', () => {
    expect(text).toMatch(/^SMOKE RUN, not a measurement/);
    expect(text).toContain('run with --quick');
  });

  it('shows medians with their range, and ratios to the references', () => {
    expect(text).toMatch(/the domain on node:http\s+38\.8k \[37\.1k–39\.2k\]/);
    expect(text).toMatch(/Express 5\s+14\.6k\s+0\.38 \[0\.36–0\.40\]/);
  });

  it('gives the database scenarios a column of ratios to sql-limit, and GET /health none', () => {
    const [health, task] = text.split('GET /tasks/{id}  (one)');
    expect(health).not.toContain('x sql-limit');
    expect(task).toMatch(/^\s*target\s+req\/s\s+x sql-limit\s+x node:http\s+x hello/m);
    expect(task).toMatch(/sql-limit \(pg, no ORM\)\s+9600\s+–\s+–\s+–/);
    expect(task).toMatch(/the domain on node:http\s+1100\s+0\.11 \[0\.10–0\.12\]\s+–\s+–/);
    expect(task).toMatch(/Express 5\s+1000\s+0\.10\s+0\.91\s+–/);
  });

  it('states every goal', () => {
    expect(text).toContain(
      'Goals: the domain on node:http >= 0.6 x sql-limit on every database route; every starter >= ' +
        '0.9 x node:http on the database routes; GET /health >= 0.8 x hello; peak RSS <= 1.6 x hello; ' +
        'cold start <= 2 x hello.',
    );
  });

  it('counts failed responses and lists the problems', () => {
    expect(text).toMatch(/Express 5 .* 2 /);
    expect(text).toContain('! express, GET /health, round 1: 2 failed responses');
  });

  it('marks a ratio that moved too much between rounds', () => {
    const shaky = structuredClone(report);
    shaky.results[1]!.ratios.limit = { rps: { median: 0.5, min: 0.3, max: 0.7, n: 3 } };
    expect(renderTable(shaky)).toMatch(/Express 5\s+14\.6k\s+~0\.50 \[0\.30–0\.70\]/);
  });

  it('has a cold start and memory table, with the ratios of both to node-http and hello', () => {
    expect(text).toMatch(/Express 5\s+127\s+–\s+–\s+99\s+–\s+–$/m);
    expect(text).toMatch(/hono\s+300\s+0\.50\s+2\.50\s+180\s+0\.90\s+1\.80$/m);
  });
});

describe('formatting', () => {
  it('abbreviates large rates and keeps small ones whole', () => {
    expect(formatRate(38_812)).toBe('38.8k');
    expect(formatRate(9_420.4)).toBe('9420');
  });

  it('drops the range when it rounds to a single value or there is one round', () => {
    expect(formatSpread({ median: 1.001, min: 1.0, max: 1.002, n: 3 }, (v) => v.toFixed(2))).toBe(
      '1.00',
    );
    expect(formatSpread(undefined, String)).toBe('–');
  });

  it('pads columns, numbers to the right', () => {
    expect(
      columns(
        ['a', 'n'],
        [
          ['xy', '1'],
          ['z', '10'],
        ],
        [false, true],
      ),
    ).toBe('a    n\n--  --\nxy   1\nz   10');
  });
});
