#!/usr/bin/env node
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  openDatabaseServer,
  resolveDbKind,
  type DatabaseServer,
} from '@rosetta/conformance-tests/database';
import { parseBenchArgs, smokeReasons, usage, type BenchArgs } from './args.js';
import { caveats } from './caveats.js';
import { choosePinning, type Pinning } from './launch.js';
import { trimLogs } from './logs.js';
import {
  BENCH_SCHEMA,
  shapeResults,
  type BenchReport,
  type Goals,
  type Machine,
} from './results.js';
import { startOtlpSink } from './otlp-sink.js';
import { scenariosOf, type Live } from './prepare.js';
import { runBench, type RawResults } from './run.js';
import { scenarios } from './scenarios.js';
import { renderTable } from './table.js';
import {
  discoverStarters,
  packageDir,
  planTargets,
  reportsRoot,
  type PlannedTarget,
} from './targets.js';

const goals: Goals = {
  healthVsFramework: 0.8,
  databaseVsLimit: 0.9,
  nodeHttpVsSqlLimit: 0.6,
  peakRssVsFrameworkMax: 1.6,
  coldStartVsFrameworkMax: 2,
};

async function main(argv: string[]): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv, process.env);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (args.help) {
    console.log(usage);
    return 0;
  }

  // Where each starter's telemetry-on twin exports its spans.
  const sink = await startOtlpSink();
  let plan;
  try {
    plan = planTargets(discoverStarters(), args.targets, {
      dist: join(packageDir, 'dist'),
      telemetryEndpoint: sink.endpoint,
    });
  } catch (error) {
    console.error((error as Error).message);
    await sink.close();
    return 2;
  }
  for (const note of plan.notes) console.log(note);

  const pinning = choosePinning();
  const machine = describeMachine();
  const started = new Date();
  console.log(planSummary(plan.targets, args, pinning));

  const dbKind = await resolveDbKind(args.db, process.env);
  console.log(`Database: ${dbKind}`);
  const databases: DatabaseServer = await openDatabaseServer(dbKind, process.env);
  const benchDir = join(reportsRoot, 'bench');
  rmSync(benchDir, { recursive: true, force: true });
  mkdirSync(benchDir, { recursive: true });

  const live: Live[] = [];
  releaseOnSignal(live, databases);

  let raw: RawResults;
  try {
    raw = await runBench(
      {
        args,
        targets: plan.targets,
        pinning,
        databases,
        logDir: benchDir,
        log: (line) => console.log(line),
      },
      live,
    );
  } finally {
    await databases.close();
    await sink.close();
    trimLogs(benchDir);
  }
  // A twin that exported nothing measured a server with telemetry on but not working.
  if (raw.measured.some((t) => t.telemetryOf) && sink.exports() === 0) {
    raw.problems.push("telemetry on: no target exported a single span to the bench's OTLP sink");
  }

  machine.loadAverageEnd = Math.round(loadavg()[0]! * 100) / 100;
  const report = benchReport({ args, raw, machine, pinning, dbKind, started, notes: plan.notes });
  const file = join(reportsRoot, 'bench.json');
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

  console.log(`\n${renderTable(report)}`);
  console.log(`\nResults: ${file}\nServer logs: ${benchDir}/`);
  const failed = raw.runs.some((r) => r.non2xx + r.unexpectedStatus + r.errors + r.mismatches > 0);
  return failed || raw.problems.length > 0 ? 1 : 0;
}

/** What `npm run bench` prints before it starts: the targets, the work and its length. */
function planSummary(targets: PlannedTarget[], args: BenchArgs, pinning: Pinning): string {
  const runCount = targets.reduce((n, t) => n + scenariosOf(t).length, 0);
  const seconds =
    runCount * (args.rounds * (args.durationSeconds + 0.6) + args.warmupSeconds + 0.6);
  return (
    `Targets: ${targets.map((t) => t.name).join(', ')}\n` +
    `${runCount} (target, scenario) pairs x ${args.rounds} round(s) x ${args.durationSeconds} s, ` +
    `${args.connections} connections: about ${Math.ceil(seconds / 60)} min.` +
    (pinning.server === null
      ? '\nNo taskset or a single core: server and load generator are not pinned.'
      : '')
  );
}

/** On SIGINT or SIGTERM: stop every server, drop every database, close the server, exit 130. */
function releaseOnSignal(live: Live[], databases: DatabaseServer): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping servers and dropping databases…`);
      void Promise.allSettled(
        live.map(async (l) => {
          await l.server.stop();
          await l.database?.drop();
        }),
      )
        .then(() => databases.close())
        .finally(() => process.exit(130));
    });
  }
}

/** `reports/bench.json`: the run's results shaped, with the ratios, goals and caveats. */
function benchReport({
  args,
  raw,
  machine,
  pinning,
  dbKind,
  started,
  notes,
}: {
  args: BenchArgs;
  raw: RawResults;
  machine: Machine;
  pinning: Pinning;
  dbKind: BenchReport['parameters']['database'];
  started: Date;
  notes: string[];
}): BenchReport {
  const { results, summaries } = shapeResults(raw.measured, scenarios, raw.runs, raw.coldStarts);
  const reasons = smokeReasons(args);
  return {
    schema: BENCH_SCHEMA,
    kind: reasons.length > 0 ? 'smoke' : 'measurement',
    smokeReasons: reasons,
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    parameters: {
      durationSeconds: args.durationSeconds,
      warmupSeconds: args.warmupSeconds,
      rounds: args.rounds,
      connections: args.connections,
      pipelining: 1,
      seedTasks: args.seedTasks,
      database: dbKind,
      pinned: pinning.server !== null,
      serverCore: pinning.server,
      loadCore: pinning.load,
      logLevel: args.logLevel ?? 'starter default (info)',
    },
    goals,
    targets: raw.measured.map(({ name, kind, label, framework, hello, starter, telemetryOf }) => ({
      name,
      kind,
      label,
      framework,
      ...(hello && raw.measured.some((t) => t.name === hello) && { hello }),
      ...(starter && { starter }),
      ...(telemetryOf && raw.measured.some((t) => t.name === telemetryOf) && { telemetryOf }),
    })),
    scenarios,
    results,
    summaries,
    runs: raw.runs,
    coldStarts: raw.coldStarts,
    problems: [...notes, ...raw.problems],
    caveats: caveats({
      machine,
      pinning,
      database: dbKind,
      targets: raw.measured,
      scenarios,
      runs: raw.runs,
      results,
    }),
  };
}

function describeMachine(): Machine {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: Math.round(loadavg()[0]! * 100) / 100,
  };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
