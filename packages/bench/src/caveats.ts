import type { Pinning } from './launch.js';
import {
  NODE_HTTP_TARGET,
  SQL_LIMIT_TARGET,
  type BenchTarget,
  type Machine,
  type RunRecord,
  type ScenarioInfo,
  type ScenarioResult,
} from './results.js';
import { isStable, median, STABLE_HALF_RANGE } from './stats.js';

/** A load generator this busy was probably what capped the run, not the server. */
const GENERATOR_BOUND_CPU = 0.9;
/** node-http's database routes below this share of its GET /health: the domain's work dominates them. */
const DATABASE_BOUND_SHARE = 0.25;

export interface CaveatInputs {
  machine: Machine;
  pinning: Pinning;
  database: string;
  targets: readonly BenchTarget[];
  scenarios: readonly ScenarioInfo[];
  runs: readonly RunRecord[];
  results: readonly ScenarioResult[];
}

/** What a reader must know before trusting a figure from this run, in plain words. */
export function caveats({
  machine,
  pinning,
  database,
  targets,
  scenarios,
  runs,
  results,
}: CaveatInputs): string[] {
  const list: string[] = [];
  const label = (name: string) => targets.find((t) => t.name === name)?.label ?? name;
  if (machine.cpus <= 2) {
    list.push(
      `This machine has ${machine.cpus} cores: server and load generator get one each, and the ` +
        'database, the bench and anything else running share them. Absolute requests/s and latencies ' +
        'move from run to run and machine to machine; compare the ratios, measured within the same ' +
        'round, which stay comparable.',
    );
  }
  if (pinning.server === null) {
    list.push('Processes were not pinned to cores (no taskset, or one core): figures are noisier.');
  }
  list.push('autocannon reports latency in whole milliseconds: p50/p99 near 1–3 ms are coarse.');
  if (database === 'pglite') {
    list.push(
      'The databases were embedded PGlite served by the bench process, one transaction at a time: ' +
        'database-backed figures measure PGlite as much as the frameworks. Set TEST_DATABASE_URL for PostgreSQL.',
    );
  } else {
    list.push(
      'PostgreSQL is not pinned: its processes compete with the server and the load generator for both cores.',
    );
  }

  const medianRps = (target: string, scenario: string) => {
    const values = runs.filter(
      (r) => r.target === target && r.scenario === scenario && r.rps !== null,
    );
    return values.length ? median(values.map((r) => r.rps!)) : undefined;
  };
  const fastest = (target: string) => {
    const values = scenarios
      .filter((s) => s.database)
      .map((s) => medianRps(target, s.id))
      .filter((v): v is number => v !== undefined);
    return values.length > 0 ? Math.max(...values) : undefined;
  };
  const health = medianRps(NODE_HTTP_TARGET, 'health');
  const domainBest = fastest(NODE_HTTP_TARGET);
  const sqlBest = fastest(SQL_LIMIT_TARGET);
  if (health && domainBest !== undefined && domainBest < health * DATABASE_BOUND_SHARE) {
    list.push(
      'The shared domain work (verifying the JWT, TypeORM queries, PostgreSQL round trips) dominates the ' +
        `database-backed scenarios: the domain on node:http reached at most ${Math.round(domainBest)} ` +
        `req/s there against ${Math.round(health)} on GET /health` +
        (sqlBest === undefined
          ? ''
          : ` (sql-limit, the same work in the fewest SQL statements: at most ${Math.round(sqlBest)})`) +
        ". Ratios to node:http near 1 on those routes mean the framework's share of each request is " +
        'small, not that it is nothing; the ratios to sql-limit show what the domain costs.',
    );
  }

  const bound = new Map<string, number>();
  for (const run of runs.filter((r) => r.loadCpu >= GENERATOR_BOUND_CPU)) {
    const key = `${label(run.target)} on ${scenarios.find((s) => s.id === run.scenario)?.request ?? run.scenario}`;
    bound.set(key, (bound.get(key) ?? 0) + 1);
  }
  if (bound.size > 0) {
    list.push(
      `autocannon used ${Math.round(GENERATOR_BOUND_CPU * 100)}% or more of its core in some runs ` +
        `(${[...bound].map(([key, n]) => `${key}, ${n}×`).join('; ')}): there the load generator, not ` +
        'the server, may have been the limit, so those figures are floors and ratios against them understate the gap.',
    );
  }

  const ratios = results.flatMap((r) => [
    r.ratios.limit?.rps,
    r.ratios.sqlLimit?.rps,
    r.ratios.framework?.rps,
  ]);
  const judged = ratios.filter((s) => s !== undefined && isStable(s) !== undefined);
  const unstable = judged.filter((s) => isStable(s!) === false);
  if (unstable.length > 0) {
    const load =
      machine.loadAverageEnd === undefined
        ? `${machine.loadAverage}`
        : `${machine.loadAverage} at the start, ${machine.loadAverageEnd} at the end`;
    list.push(
      `${unstable.length} of ${judged.length} requests/s ratios moved more than ±${Math.round(STABLE_HALF_RANGE * 100)}% ` +
        `between rounds (marked ~): other work on the machine (load average ${load}) changed ` +
        'faster than a round. Read those as indications; run again on a quieter machine, or with more rounds.',
    );
  }
  return list;
}
