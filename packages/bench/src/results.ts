import { ratiosPerRound, spread, type RoundValue, type Spread } from './stats.js';

/**
 * What `reports/bench.json` holds. `@rosetta/report` reads it, so changes here are changes to a file
 * format: bump {@link BENCH_SCHEMA} when a field changes meaning.
 */
export const BENCH_SCHEMA = 'rosetta-bench/1';

/**
 * - `starter`: a Rosetta starter, run exactly as in production.
 * - `limit`: a bench-only reference on plain `node:http`, no framework: `node-http`, the domain on
 *   node:http (what no framework over the domain can beat), and `sql-limit`, the same work in the
 *   fewest SQL statements through `pg` (the machine's limit for it).
 * - `hello`: a framework's bare hello-world; what its starter's production features are measured against.
 */
export type TargetKind = 'starter' | 'limit' | 'hello';

export interface BenchTarget {
  /** `express`, `nest-fastify`, `node-http`, `hello-express`. */
  name: string;
  kind: TargetKind;
  /** For people: `Express 5`, `the domain on node:http`, `Express 5, hello-world`. */
  label: string;
  /** The framework (and adapter) it runs on: `express`, `nest-fastify`, `node-http`. */
  framework: string;
  /** Starters: the hello-world of the same framework, measured in the same run. */
  hello?: string;
  /** Starters: the conformance registry's name for the package (`nest` for `nest-fastify`). */
  starter?: string;
  /**
   * A starter run with its telemetry on (metrics, and traces exported to a sink): the target it is
   * otherwise identical to, measured in the same run with telemetry off.
   */
  telemetryOf?: string;
}

export type ScenarioId = 'health' | 'list-tasks' | 'create-task' | 'get-task';

export interface ScenarioInfo {
  id: ScenarioId;
  /** `GET /tasks?limit=20`. */
  request: string;
  /** What it exercises, in a few words. */
  description: string;
  /** Whether the request reaches the database (and so is also compared with sql-limit). */
  database: boolean;
  /** The status every response must have. */
  status: number;
}

/** The figures one load run gives; latencies as autocannon reports them, in whole milliseconds. */
export const metrics = ['rps', 'latencyP50Ms', 'latencyP99Ms', 'rssPeakMb'] as const;
export type Metric = (typeof metrics)[number];

/** Responses that disqualify a run; all must be 0. */
export interface Failures {
  /** Statuses outside 2xx. */
  non2xx: number;
  /** 2xx statuses other than the expected one (a 200 where the contract says 201). */
  unexpectedStatus: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  /** Responses whose body failed the check (exact body, or the contract's schema). */
  mismatches: number;
}

/** One load run: one target, one scenario, one round. */
export interface RunRecord extends Failures, Record<Metric, number | null> {
  round: number;
  target: string;
  scenario: ScenarioId;
  requests: number;
  /** CPU the load generator used, as a share of its core; near 1 it, not the server, was the limit. */
  loadCpu: number;
  /** The first body that failed the check, for diagnosis. */
  mismatchSample?: string;
}

export interface ColdStartRecord {
  round: number;
  target: string;
  /** From spawn to the first correct 200 on the readiness path. */
  ms: number;
}

/** Ratios to the references, each the median (min–max) of per-round ratios. */
export interface Ratios {
  /**
   * To `node-http`, the domain on node:http, in the same round and scenario (named when that was the
   * only limit). Starters and hello-worlds.
   */
  limit?: Partial<Record<Metric, Spread>>;
  /** To `sql-limit` in the same round, on the database scenarios: `node-http` and the starters. */
  sqlLimit?: Partial<Record<Metric, Spread>>;
  /** To the framework's own hello-world in the same round (GET /health only). */
  framework?: Partial<Record<Metric, Spread>>;
  /** To the same starter with telemetry off, in the same round: telemetry-on targets only. */
  telemetryOff?: Partial<Record<Metric, Spread>>;
}

export interface ScenarioResult {
  target: string;
  scenario: ScenarioId;
  figures: Partial<Record<Metric, Spread>>;
  ratios: Ratios;
  /** Summed over every round. */
  failures: Failures;
  requests: number;
}

export interface TargetSummary {
  target: string;
  coldStartMs?: Spread;
  /** `limit` is to `node-http`, as in {@link Ratios}. */
  coldStartRatios: { limit?: Spread; framework?: Spread };
  /** The highest VmRSS sampled during any of its load runs. */
  peakRssMb?: number;
  peakRssRatios: { limit?: number; framework?: number };
}

export interface BenchParameters {
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  connections: number;
  pipelining: number;
  /** Tasks the reading user owns; `GET /tasks?limit=20` returns the newest 20 of them. */
  seedTasks: number;
  database: string;
  /** Whether servers and load generator were pinned to separate cores with taskset. */
  pinned: boolean;
  serverCore: number | null;
  loadCore: number | null;
  logLevel: string;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
  /** The 1-minute load average when the run started, and when it ended: other work on the machine. */
  loadAverage: number;
  loadAverageEnd?: number;
}

export interface BenchReport {
  schema: typeof BENCH_SCHEMA;
  /** `smoke` proves the bench and every target work; its figures are not a measurement. */
  kind: 'measurement' | 'smoke';
  /** Why a run is only a smoke run. */
  smokeReasons: string[];
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  parameters: BenchParameters;
  /** The ratios the targets should reach (the team's benchmarking goals). */
  goals: Goals;
  targets: BenchTarget[];
  scenarios: ScenarioInfo[];
  results: ScenarioResult[];
  summaries: TargetSummary[];
  runs: RunRecord[];
  coldStarts: ColdStartRecord[];
  /** Targets that could not be measured, runs with failures: reasons, for people. */
  problems: string[];
  /** What the figures can and cannot say on this machine. */
  caveats: string[];
}

/**
 * The team's benchmarking goals: ratios measured within one run, never timed assertions in tests. The
 * optional ones were added later, under the same schema: a report written before lacks them.
 */
export interface Goals {
  /** A starter's GET /health at least this × its framework's hello-world. */
  healthVsFramework: number;
  /** A starter on every database scenario at least this × `node-http`. */
  databaseVsLimit: number;
  /** `node-http` on every database scenario at least this × `sql-limit`: what the domain may cost. */
  nodeHttpVsSqlLimit?: number;
  /** A starter's peak RSS at most this × its framework's hello-world. */
  peakRssVsFrameworkMax?: number;
  /** A starter's cold start at most this × its framework's hello-world. */
  coldStartVsFrameworkMax?: number;
}

/** The domain on node:http: the reference for what a framework over the domain costs. */
export const NODE_HTTP_TARGET = 'node-http';
/** The fewest SQL statements through pg on node:http: the machine's limit for the database work. */
export const SQL_LIMIT_TARGET = 'sql-limit';

export const noFailures = (): Failures => ({
  non2xx: 0,
  unexpectedStatus: 0,
  errors: 0,
  timeouts: 0,
  mismatches: 0,
});

export function failureCount(f: Failures): number {
  // Timeouts are also counted in errors.
  return f.non2xx + f.unexpectedStatus + f.errors + f.mismatches;
}

/**
 * Turns raw runs into per-(target, scenario) medians and ratios, and per-target cold start and RSS.
 * Pure: everything it needs is in its arguments.
 */
export function shapeResults(
  targets: readonly BenchTarget[],
  scenarios: readonly ScenarioInfo[],
  runs: readonly RunRecord[],
  coldStarts: readonly ColdStartRecord[],
): { results: ScenarioResult[]; summaries: TargetSummary[] } {
  const results: ScenarioResult[] = [];
  const runsOf = (target: string, scenario: ScenarioId) =>
    runs.filter((r) => r.target === target && r.scenario === scenario);
  const series = (target: string, scenario: ScenarioId, metric: Metric): RoundValue[] =>
    runsOf(target, scenario).map((r) => ({ round: r.round, value: r[metric] }));
  const measured = new Set(targets.map((t) => t.name));
  // Each target is compared with the references above it: a starter with all three, node-http with
  // sql-limit, a hello-world with node-http on the one scenario it serves.
  const referencesOf = (target: BenchTarget, scenario: ScenarioInfo) => {
    const refs: [keyof Ratios, string][] = [];
    if (target.kind !== 'limit') refs.push(['limit', NODE_HTTP_TARGET]);
    if (scenario.database && target.name !== SQL_LIMIT_TARGET)
      refs.push(['sqlLimit', SQL_LIMIT_TARGET]);
    if (target.hello) refs.push(['framework', target.hello]);
    if (target.telemetryOf) refs.push(['telemetryOff', target.telemetryOf]);
    return refs.filter(([, name]) => measured.has(name));
  };

  for (const scenario of scenarios) {
    for (const target of targets) {
      const own = runsOf(target.name, scenario.id);
      if (own.length === 0) continue;
      const figures: ScenarioResult['figures'] = {};
      const ratios: Ratios = {};
      for (const metric of metrics) {
        const s = spread(own.map((r) => r[metric]));
        if (s) figures[metric] = s;
        for (const [key, reference] of referencesOf(target, scenario)) {
          const r = spread(
            ratiosPerRound(
              series(target.name, scenario.id, metric),
              series(reference, scenario.id, metric),
            ),
          );
          if (r) (ratios[key] ??= {})[metric] = r;
        }
      }
      const failures = noFailures();
      for (const run of own) {
        for (const key of Object.keys(failures) as (keyof Failures)[]) failures[key] += run[key];
      }
      results.push({
        target: target.name,
        scenario: scenario.id,
        figures,
        ratios,
        failures,
        requests: own.reduce((sum, r) => sum + r.requests, 0),
      });
    }
  }

  const coldSeries = (target: string): RoundValue[] =>
    coldStarts.filter((c) => c.target === target).map((c) => ({ round: c.round, value: c.ms }));
  const peakRss = (target: string): number | undefined => {
    const values = runs
      .filter((r) => r.target === target && r.rssPeakMb !== null)
      .map((r) => r.rssPeakMb!);
    return values.length > 0 ? Math.max(...values) : undefined;
  };
  const summaries = targets.map((target): TargetSummary => {
    const summary: TargetSummary = {
      target: target.name,
      coldStartRatios: {},
      peakRssRatios: {},
    };
    const cold = spread(coldSeries(target.name).map((c) => c.value));
    if (cold) summary.coldStartMs = cold;
    const rss = peakRss(target.name);
    if (rss !== undefined) summary.peakRssMb = rss;
    const references: [keyof TargetSummary['coldStartRatios'], string | undefined][] = [
      [
        'limit',
        measured.has(NODE_HTTP_TARGET) && target.kind !== 'limit' ? NODE_HTTP_TARGET : undefined,
      ],
      ['framework', target.hello],
    ];
    for (const [key, reference] of references) {
      if (!reference) continue;
      const ratio = spread(ratiosPerRound(coldSeries(target.name), coldSeries(reference)));
      if (ratio) summary.coldStartRatios[key] = ratio;
      const referenceRss = peakRss(reference);
      if (rss !== undefined && referenceRss) summary.peakRssRatios[key] = rss / referenceRss;
    }
    return summary;
  });
  return { results, summaries };
}
