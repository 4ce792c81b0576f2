import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createVitest } from 'vitest/node';
import {
  ALLOWED_ORIGIN,
  AUTH_RATE_LIMIT_MAX,
  bootStarter,
  randomSecrets,
  type BootedServer,
} from './boot.js';
import { capabilitiesOf, type ConformanceContext, type ReliabilityProfile } from './context.js';
import { computeCoverage, readPairs, unreachablePairs } from './coverage.js';
import type { Database, DatabaseServer } from './database.js';
import { readFigures } from './figures.js';
import { loadBalancer, type LoadBalancer } from './load-balancer.js';
import { collectTests, summarize, testId, type TargetReport, type TestRecord } from './results.js';
import { packageDir, reportsDir, type Target } from './targets.js';

export { reportsDir };

export interface RunOptions {
  /** Required for starter targets. */
  databases?: DatabaseServer;
  files: string[];
  grep?: string;
  reliability: ReliabilityProfile;
  redisUrl?: string;
  /** Instances of a starter to boot; more than one need `redisUrl`, and sit behind a balancer. */
  instances?: number;
}

/** What a run holds right now, so an interrupted CLI can still stop servers and drop databases. */
const live = {
  servers: new Set<BootedServer>(),
  databases: new Set<Database>(),
  balancers: new Set<LoadBalancer>(),
};

/** The CLI's signal handlers, which must outlive Vitest's. */
export const ownSignalHandlers = new Set<(...args: never[]) => unknown>();

/** Stops every server and drops every database a run still holds; never throws. */
export async function releaseAll(): Promise<void> {
  await Promise.allSettled([...live.balancers].map((balancer) => balancer.close()));
  await Promise.allSettled([...live.servers].map((server) => server.stop()));
  await Promise.allSettled([...live.databases].map((database) => database.drop()));
}

const HARNESS_FILE = 'harness';
const LIFECYCLE = 'starter lifecycle';

/** What a starter target holds while the suite runs against it. */
interface Started {
  database?: Database;
  servers: BootedServer[];
  balancer?: LoadBalancer;
  /** Read from the balancer before it closes. */
  requestsPerInstance?: number[];
  context?: ConformanceContext;
}

/**
 * Boots a target (starters only), runs the suite against it, stops it, and writes
 * `reports/conformance/<target>.json`. Never throws for a failing target: failures are in the report.
 */
export async function runTarget(target: Target, options: RunOptions): Promise<TargetReport> {
  const started = Date.now();
  const runDir = join(reportsDir, target.name);
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const timings: Record<string, number> = {};
  const harness: TestRecord[] = [];
  const errors: string[] = [];
  const instances = target.kind === 'starter' ? (options.instances ?? 1) : 1;
  const held: Started = { servers: [] };
  let tests: TestRecord[] = [];

  try {
    if (target.kind === 'starter') {
      await startStarter(target, options, { runDir, instances, harness, timings, held });
    } else {
      held.context = urlContext(target, options, runDir);
    }
    if (held.context) {
      const t = Date.now();
      const result = await runVitest(held.context, options);
      timings.testsMs = Date.now() - t;
      // A name filter marks every other test skipped; those are filtered out, not n/a.
      tests = options.grep ? result.tests.filter((t) => t.status !== 'n/a') : result.tests;
      errors.push(...result.errors);
    }
  } catch (error) {
    errors.push((error as Error).stack ?? String(error));
  } finally {
    await stopStarter(held, harness, timings, errors);
  }
  timings.totalMs = Date.now() - started;

  const allTests = [...harness, ...tests];
  const { context, balancer, requestsPerInstance } = held;
  const capabilities = context
    ? capabilitiesOf(context)
    : { bootable: target.kind === 'starter' && instances === 1, admin: target.kind === 'starter' };
  const report: TargetReport = {
    target: target.name,
    kind: target.kind,
    baseUrl: context?.baseUrl,
    database: { kind: target.kind === 'starter' ? options.databases!.kind : 'external' },
    instances,
    ...(balancer && { balancer: balancer.info }),
    ...(requestsPerInstance && { requestsPerInstance }),
    startedAt: new Date(started).toISOString(),
    timings,
    summary: summarize(allTests),
    tests: allTests,
    coverage: computeCoverage(readPairs(runDir), unreachablePairs(capabilities)),
    partial: options.files.length > 0 || options.grep !== undefined,
    reliability: { profile: options.reliability.name, seed: options.reliability.seed },
    figures: readFigures(runDir),
    errors,
    logFile: target.kind === 'starter' ? join(runDir, 'server.log') : undefined,
  };
  mkdirSync(reportsDir, { recursive: true });
  writeFileSync(join(reportsDir, `${target.name}.json`), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

/**
 * A fresh database, the starter's instances on it (behind a balancer when more than one), and the
 * context the tests read. What it has made is in `held` as soon as it exists, for `stopStarter`.
 */
async function startStarter(
  target: Target & { kind: 'starter' },
  options: RunOptions,
  run: {
    runDir: string;
    instances: number;
    harness: TestRecord[];
    timings: Record<string, number>;
    held: Started;
  },
): Promise<void> {
  const { runDir, instances, harness, timings, held } = run;
  if (!options.databases) throw new Error('A starter target needs a database server.');
  if (instances > 1 && !options.redisUrl) {
    throw new Error('More than one instance needs a Redis to share rate limits in.');
  }
  let t = Date.now();
  const database = await options.databases.createDatabase(target.name);
  held.database = database;
  live.databases.add(database);
  timings.databaseMs = Date.now() - t;
  t = Date.now();
  const booted = await lifecycle(
    harness,
    'boots on a fresh database and answers GET /health/ready with 200',
    () => bootInstances(target, database.url, runDir, instances, options.redisUrl),
  );
  timings.bootMs = Date.now() - t;
  held.servers.push(...(booted ?? []));
  for (const server of held.servers) live.servers.add(server);
  if (booted && instances > 1) {
    held.balancer = loadBalancer(
      booted.map((server) => server.baseUrl),
      join(runDir, 'balancer.log'),
    );
    live.balancers.add(held.balancer);
  }
  const first = booted?.[0];
  if (!first) return;
  held.context = {
    target: target.name,
    kind: 'starter',
    baseUrl: held.balancer ? await held.balancer.listen() : first.baseUrl,
    packageDir: target.packageDir,
    starterEnv: target.env,
    jwtSecret: first.jwtSecret,
    admin: first.admin,
    corsOrigin: ALLOWED_ORIGIN,
    authRateLimitMax: AUTH_RATE_LIMIT_MAX,
    database: { kind: options.databases.kind, ...adminUrl(options.databases) },
    runDir,
    reliability: options.reliability,
    ...(options.redisUrl && { redisUrl: options.redisUrl }),
    instances,
    ...(held.balancer && { balancer: held.balancer.info }),
  };
}

/** The context for a target the suite reaches by URL: it boots nothing. */
function urlContext(
  target: Target & { kind: 'url' },
  options: RunOptions,
  runDir: string,
): ConformanceContext {
  return {
    target: target.name,
    kind: 'url',
    baseUrl: target.baseUrl,
    ...(target.jwtSecret && { jwtSecret: target.jwtSecret }),
    ...(target.admin && { admin: target.admin }),
    ...(target.corsOrigin && { corsOrigin: target.corsOrigin }),
    ...(target.authRateLimitMax && { authRateLimitMax: target.authRateLimitMax }),
    // URL targets boot nothing, so this is never used to make a database.
    database: { kind: options.databases?.kind ?? 'pglite' },
    runDir,
    reliability: options.reliability,
    ...(options.redisUrl && { redisUrl: options.redisUrl }),
    instances: 1,
  };
}

/** Closes the balancer, stops the servers (a lifecycle test of its own) and drops the database. */
async function stopStarter(
  held: Started,
  harness: TestRecord[],
  timings: Record<string, number>,
  errors: string[],
): Promise<void> {
  const { balancer, servers, database } = held;
  if (balancer) {
    held.requestsPerInstance = await balancer.requestsPerInstance().catch(() => undefined);
    await balancer.close();
    live.balancers.delete(balancer);
  }
  if (servers.length > 0) {
    const t = Date.now();
    await lifecycle(harness, 'exits with code 0 within the grace period after SIGTERM', () =>
      Promise.all(servers.map((server) => server.stop())),
    );
    for (const server of servers) live.servers.delete(server);
    timings.shutdownMs = Date.now() - t;
  }
  if (database) {
    await database
      .drop()
      .catch((error: Error) => errors.push(`Dropping ${database.name}: ${error.message}`));
    live.databases.delete(database);
  }
}

/**
 * Boots `count` instances of a starter on one database, with one set of secrets (a token one issues,
 * another must accept). The first boots alone, so that it alone runs the migrations on the fresh
 * database; the others then start together. More than one share `redisUrl` for their rate limits.
 * The first logs to `server.log`, the others to `server-<n>.log`.
 */
async function bootInstances(
  { packageDir, env: variantEnv }: Target & { kind: 'starter' },
  databaseUrl: string,
  runDir: string,
  count: number,
  redisUrl: string | undefined,
): Promise<BootedServer[]> {
  const secrets = randomSecrets();
  const env = { ...variantEnv, ...(count > 1 && redisUrl && { REDIS_URL: redisUrl }) };
  const boot = (n: number) =>
    bootStarter(
      {
        packageDir,
        databaseUrl,
        logFile: join(runDir, n === 1 ? 'server.log' : `server-${n}.log`),
        env,
      },
      secrets,
    );
  const first = await boot(1);
  const others = await Promise.allSettled(Array.from({ length: count - 1 }, (_, i) => boot(i + 2)));
  const failed = others.find((o) => o.status === 'rejected');
  if (failed) {
    const started = [first, ...others.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []))];
    await Promise.allSettled(started.map((server) => server.stop()));
    throw failed.reason;
  }
  return [first, ...others.map((o) => (o as PromiseFulfilledResult<BootedServer>).value)];
}

/** Boot and shutdown are part of the start contract, so they show up in the matrix like tests. */
async function lifecycle<T>(
  records: TestRecord[],
  name: string,
  step: () => Promise<T>,
): Promise<T | undefined> {
  const started = Date.now();
  const record: TestRecord = {
    id: testId(HARNESS_FILE, [LIFECYCLE], name),
    file: HARNESS_FILE,
    suites: [LIFECYCLE],
    name,
    status: 'passed',
    durationMs: 0,
  };
  records.push(record);
  try {
    return await step();
  } catch (error) {
    record.status = 'failed';
    record.error = (error as Error).message;
    return undefined;
  } finally {
    record.durationMs = Date.now() - started;
  }
}

function adminUrl(databases: DatabaseServer): { adminUrl?: string } {
  return databases.adminUrl ? { adminUrl: databases.adminUrl } : {};
}

async function runVitest(
  context: ConformanceContext,
  options: RunOptions,
): Promise<{ tests: TestRecord[]; errors: string[] }> {
  const vitest = await createVitest(
    {
      root: packageDir,
      config: false,
      run: true,
      watch: false,
      include: ['test/**/*.test.ts'],
      provide: { conformance: context },
      reporters: ['default'],
      // The server does the work; the workers mostly wait on it, so a few more than the cores.
      maxWorkers: 4,
      // The files share nothing but the target, so each worker loads the suite's modules once (the
      // contract's compiled schemas, fast-check) rather than once per file: a quarter of the run's CPU.
      isolate: false,
      testTimeout: 30_000,
      hookTimeout: 60_000,
      allowOnly: false,
      passWithNoTests: false,
      ...(options.grep && { testNamePattern: options.grep }),
    },
    { logLevel: 'warn' },
  );
  // Vitest's logger exits the process 1 ms after SIGINT/SIGTERM, which would leave the booted server
  // and its database behind; the CLI's own handlers (see cli.ts) release them and then exit.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!ownSignalHandlers.has(listener)) process.off(signal, listener);
    }
  }
  try {
    const result = await vitest.start(options.files);
    return {
      tests: collectTests(result.testModules, packageDir),
      errors: result.unhandledErrors.map((e) =>
        e instanceof Error ? (e.stack ?? e.message) : JSON.stringify(e),
      ),
    };
  } finally {
    await vitest.close();
  }
}
