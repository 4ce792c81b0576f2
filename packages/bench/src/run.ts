import { join } from 'node:path';
import { sleep } from '@rosetta/conformance-tests/boot';
import { launch, sampleRss } from './launch.js';
import { generateLoad } from './load.js';
import { loadSpec, prepare, scenariosOf, type Live, type RunSetup } from './prepare.js';
import {
  failureCount,
  type ColdStartRecord,
  type RunRecord,
  type ScenarioInfo,
} from './results.js';
import { scenarios } from './scenarios.js';
import { refreshTokens } from './seed.js';
import type { PlannedTarget } from './targets.js';

export interface RawResults {
  /** The targets that were measured: those that started, seeded and answered every check. */
  measured: PlannedTarget[];
  runs: RunRecord[];
  coldStarts: ColdStartRecord[];
  problems: string[];
}

// Access tokens live 15 minutes; a long run logs in again before they can expire mid-round.
const TOKEN_MAX_AGE_MS = 10 * 60_000;
/** A breather between load runs, so one run's tail (GC, sockets in TIME_WAIT) lands in no other. */
const SETTLE_MS = 250;

/** The whole method: start and seed every target, warm up, then rounds in alternating order. */
export async function runBench(setup: RunSetup, live: Live[] = []): Promise<RawResults> {
  const results: RawResults = { measured: [], runs: [], coldStarts: [], problems: [] };
  try {
    await startAll(setup, live, results.problems);
    if (setup.args.warmupSeconds > 0) await warmUp(setup, live);
    for (let round = 1; round <= setup.args.rounds; round++) {
      // Reversed every other round, so drift over the run hits every target alike.
      const order = round % 2 === 1 ? [...live] : [...live].reverse();
      setup.log(
        `\nRound ${round}/${setup.args.rounds}: ${order.map((l) => l.target.name).join(', ')}`,
      );
      await refreshIfOld(order);
      await coldStarts(setup, order, round, results);
      for (const scenario of scenarios) {
        for (const l of order.filter((l) => scenariosOf(l.target).includes(scenario))) {
          await measure(setup, l, scenario, round, results);
          await sleep(SETTLE_MS);
        }
      }
    }
  } finally {
    await release(live, results.problems);
  }
  return { ...results, measured: live.map((l) => l.target) };
}

async function startAll(setup: RunSetup, live: Live[], problems: string[]): Promise<void> {
  for (const target of setup.targets) {
    try {
      live.push(await prepare(setup, target));
      setup.log(
        `  ${target.name.padEnd(20)} up in ${Math.round(live.at(-1)!.server.startupMs)} ms`,
      );
    } catch (error) {
      const message = `${target.name}: not measured: ${(error as Error).message}`;
      // Without its references no figure of the run means anything.
      if (target.kind === 'limit') throw new Error(message, { cause: error });
      problems.push(message);
      setup.log(`  ${message}`);
    }
  }
  // A starter without its hello-world still has the references; a hello-world without its starter is noise.
  const up = new Set(live.map((l) => l.target.name));
  for (const l of live.filter((l) => l.target.kind === 'hello')) {
    const starter = setup.targets.find((t) => t.hello === l.target.name);
    if (starter && !up.has(starter.name)) {
      await l.server.stop();
      live.splice(live.indexOf(l), 1);
    }
  }
}

async function warmUp(setup: RunSetup, live: Live[]): Promise<void> {
  const { warmupSeconds, connections } = setup.args;
  setup.log(`\nWarm-up (${warmupSeconds} s per target and scenario, discarded)`);
  for (const scenario of scenarios) {
    for (const l of live.filter((l) => scenariosOf(l.target).includes(scenario))) {
      const result = await generateLoad(
        loadSpec(l, scenario.id, warmupSeconds, connections),
        setup.pinning.load,
      );
      if (failureCount(result) > 0) {
        setup.log(`  ${scenario.request} on ${l.target.name}: failures during warm-up`);
      }
      await sleep(SETTLE_MS);
    }
  }
}

async function refreshIfOld(order: Live[]): Promise<void> {
  for (const l of order) {
    if (l.seeded && Date.now() - l.tokensAt > TOKEN_MAX_AGE_MS) {
      l.seeded = await refreshTokens(l.server.baseUrl, l.seeded);
      l.tokensAt = Date.now();
    }
  }
}

async function coldStarts(
  setup: RunSetup,
  order: Live[],
  round: number,
  results: RawResults,
): Promise<void> {
  const times: string[] = [];
  for (const l of order) {
    try {
      const ms = await coldStart(setup, l);
      results.coldStarts.push({ round, target: l.target.name, ms });
      times.push(`${l.target.name} ${Math.round(ms)}`);
    } catch (error) {
      results.problems.push(
        `${l.target.name}: cold start failed in round ${round}: ${(error as Error).message}`,
      );
    }
  }
  setup.log(`  cold start (ms): ${times.join(', ')}`);
}

/** One load run: RSS sampled throughout, every response checked, failures reported. */
async function measure(
  setup: RunSetup,
  l: Live,
  scenario: ScenarioInfo,
  round: number,
  results: RawResults,
): Promise<void> {
  const rss = sampleRss(() => l.server.rssMb());
  const result = await generateLoad(
    loadSpec(l, scenario.id, setup.args.durationSeconds, setup.args.connections),
    setup.pinning.load,
  );
  const rssPeakMb = rss.stop() ?? null;
  const { statusCodes, durationSeconds: _duration, loadCpu, ...figures } = result;
  results.runs.push({
    round,
    target: l.target.name,
    scenario: scenario.id,
    ...figures,
    loadCpu: Math.round(loadCpu * 100) / 100,
    rssPeakMb,
  });
  const failed = failureCount(result);
  if (failed > 0) {
    results.problems.push(
      `${l.target.name}, ${scenario.request}, round ${round}: ${failed} failed responses ` +
        `(statuses ${JSON.stringify(statusCodes)}, errors ${result.errors}, body mismatches ` +
        `${result.mismatches}${result.mismatchSample ? `, e.g. ${result.mismatchSample.slice(0, 200)}` : ''})`,
    );
  }
  const rate = Math.round(result.rps).toString().padStart(7);
  setup.log(
    `  ${scenario.request.padEnd(20)} ${l.target.name.padEnd(20)} ${rate} req/s` +
      `  p50 ${result.latencyP50Ms} ms  p99 ${result.latencyP99Ms} ms` +
      `${rssPeakMb === null ? '' : `  ${Math.round(rssPeakMb)} MB`}${failed > 0 ? `  ${failed} FAILED` : ''}`,
  );
}

/** A second instance of the target on the same database: spawn to the first correct 200. */
async function coldStart(setup: RunSetup, l: Live): Promise<number> {
  const instance = await launch({
    name: `${l.target.name} (cold start)`,
    script: l.target.script,
    cwd: l.target.cwd,
    env: l.env,
    logFile: join(setup.logDir, `${l.target.name}.cold-start.log`),
    readyPath: l.target.readyPath,
    core: setup.pinning.server,
  });
  const code = await instance.stop();
  if (code !== 0) {
    setup.log(`  ${l.target.name}: the cold-start instance exited ${code} after SIGTERM, not 0`);
  }
  return instance.startupMs;
}

async function release(live: Live[], problems: string[]): Promise<void> {
  await Promise.all(
    live.map(async (l) => {
      const code = await l.server.stop();
      if (code !== 0 && l.target.kind === 'starter') {
        problems.push(
          `${l.target.name}: exited ${code} after SIGTERM, not 0 (see ${l.server.logFile}).`,
        );
      }
      await l.database
        ?.drop()
        .catch((error: Error) => problems.push(`Dropping ${l.database!.name}: ${error.message}`));
    }),
  );
}
