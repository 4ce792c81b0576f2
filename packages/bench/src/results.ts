import { ratiosPerRound, spread, type RoundValue, type Spread } from './stats.js';

/**
 * What `reports/bench.json` holds. `@rosetta/report` reads it, so changes here are changes to a file
 * format: bump {@link BENCH_SCHEMA} when a field changes meaning.
 */
export const BENCH_SCHEMA = 'rosetta-bench/1';

/**
 * - `starter`: a Rosetta starter, run exactly as in production.
 * - `limit`: the bench-only plain `node:http` adapter over the same domain; what no framework can beat.
 * - `hello`: a framework's bare hello-world; what its starter's production features are measured against.
 */
export type TargetKind = 'starter' | 'limit' | 'hello';

export interface BenchTarget {
  /** `express`, `nest-fastify`, `node-http`, `hello-express`. */
  name: string;
  kind: TargetKind;
  /** For people: `Express 5`, `plain node:http`, `Express 5, hello-world`. */
  label: string;
  /** The framework (and adapter) it runs on: `express`, `nest-fastify`, `node-http`. */
  framework: string;
  /** Starters: the hello-world of the same framework, measured in the same run. */
  hello?: string;
  /** Starters: the conformance registry's name for the package (`nest` for `nest-fastify`). */
  starter?: string;
}

export type ScenarioId = 'health' | 'list-tasks' | 'create-task' | 'get-task';

export interface ScenarioInfo {
  id: ScenarioId;
  /** `GET /tasks?limit=20`. */
  request: string;
  /** What it exercises, in a few words. */
  description: string;
  /** Whether the request reaches the database (and so is compared with the node:http limit). */
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

/** Ratios to the two references, each the median (min–max) of per-round ratios. */
export interface Ratios {
  /** To plain node:http in the same round and scenario. */
  limit?: Partial<Record<Metric, Spread>>;
  /** To the framework's own hello-world in the same round (GET /health only). */
  framework?: Partial<Record<Metric, Spread>>;
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
  /** The minimum ratios the starters should reach (the team's benchmarking goals). */
  goals: { healthVsFramework: number; databaseVsLimit: number };
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

export const LIMIT_TARGET = 'node-http';

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
  const hasLimit = targets.some((t) => t.name === LIMIT_TARGET);

  for (const scenario of scenarios) {
    for (const target of targets) {
      const own = runsOf(target.name, scenario.id);
      if (own.length === 0) continue;
      const figures: ScenarioResult['figures'] = {};
      const ratios: Ratios = {};
      for (const metric of metrics) {
        const values = own.map((r) => r[metric]);
        const s = spread(values);
        if (s) figures[metric] = s;
        if (hasLimit && target.name !== LIMIT_TARGET) {
          const r = spread(
            ratiosPerRound(
              series(target.name, scenario.id, metric),
              series(LIMIT_TARGET, scenario.id, metric),
            ),
          );
          if (r) (ratios.limit ??= {})[metric] = r;
        }
        if (target.hello) {
          const r = spread(
            ratiosPerRound(
              series(target.name, scenario.id, metric),
              series(target.hello, scenario.id, metric),
            ),
          );
          if (r) (ratios.framework ??= {})[metric] = r;
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
      ['limit', hasLimit && target.name !== LIMIT_TARGET ? LIMIT_TARGET : undefined],
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
