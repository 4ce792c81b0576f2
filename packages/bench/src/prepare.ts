/**
 * Getting one target ready to measure: a fresh database, its process started as in production, its data
 * seeded through its own API, and what every response of each scenario must look like.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Database, DatabaseServer } from '@rosetta/conformance-tests/database';
import type { BenchArgs } from './args.js';
import { contractCheck } from './check.js';
import { launch, type Launched, type Pinning } from './launch.js';
import type { LoadSpec } from './load-runner.js';
import type { ScenarioId } from './results.js';
import { createTaskBody, requestFor, scenarios } from './scenarios.js';
import { seed, type Seeded } from './seed.js';
import type { PlannedTarget } from './targets.js';

/** What a bench run is set up with: its arguments, targets, cores, databases and logs. */
export interface RunSetup {
  args: BenchArgs;
  targets: PlannedTarget[];
  pinning: Pinning;
  databases: DatabaseServer;
  logDir: string;
  log: (line: string) => void;
}

/** A target that is up: its main instance, database and data. */
export interface Live {
  target: PlannedTarget;
  server: Launched;
  env: Record<string, string>;
  database?: Database;
  seeded?: Seeded;
  tokensAt: number;
  /** Per scenario, what every response must look like. */
  expectations: Map<ScenarioId, Pick<LoadSpec, 'exactBody' | 'fields'>>;
}

export function scenariosOf(target: PlannedTarget) {
  if (target.measures === 'telemetry') {
    return scenarios.filter((s) => s.id === 'health' || s.id === 'get-task');
  }
  return scenarios.filter(
    (s) => target.measures === 'all' || s.database === (target.measures === 'database'),
  );
}

/** The start contract as the bench sets it: production, a real database, no rate limit in the way. */
function environment(
  target: PlannedTarget,
  databaseUrl: string | undefined,
  logLevel: string | undefined,
): Record<string, string> {
  const env: Record<string, string> = { NODE_ENV: 'production', ...target.env };
  if (!target.database) return env;
  return {
    ...env,
    DATABASE_URL: databaseUrl!,
    JWT_SECRET: randomBytes(32).toString('hex'),
    // Seeding registers and logs in from one address, again every 10 minutes: never a 429.
    AUTH_RATE_LIMIT_MAX: '1000000',
    SHUTDOWN_TIMEOUT_MS: '5000',
    // Unset by default: the starters' default (info) is one of the production features measured.
    ...(logLevel && { LOG_LEVEL: logLevel }),
  };
}

export async function prepare(setup: RunSetup, target: PlannedTarget): Promise<Live> {
  const database = target.database
    ? await setup.databases.createDatabase(`bench_${target.name}`)
    : undefined;
  const env = environment(target, database?.url, setup.args.logLevel);
  let server: Launched | undefined;
  try {
    server = await launch({
      name: target.name,
      script: target.script,
      cwd: target.cwd,
      env,
      logFile: join(setup.logDir, `${target.name}.log`),
      readyPath: target.readyPath,
      core: setup.pinning.server,
    });
    const l: Live = {
      target,
      server,
      env,
      ...(database && { database }),
      tokensAt: Date.now(),
      expectations: new Map(),
    };
    if (target.database) l.seeded = await seed(server.baseUrl, setup.args.seedTasks);
    for (const scenario of scenariosOf(target)) {
      l.expectations.set(scenario.id, await preflight(l, scenario.id));
    }
    return l;
  } catch (error) {
    await server?.stop();
    await database?.drop();
    throw error;
  }
}

/**
 * One request before any load: status, content type and body checked against the contract. Bodies
 * that cannot change (health, the reader's listing, one task) become the exact body every response
 * under load must have; a created task is checked against the schema and what was sent.
 */
async function preflight(l: Live, id: ScenarioId): Promise<Pick<LoadSpec, 'exactBody' | 'fields'>> {
  const request = requestFor(id, l.seeded);
  const res = await fetch(`${l.server.baseUrl}${request.path}`, {
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined && { body: request.body }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  const what = `${request.method} ${request.path.replace(/[0-9a-f-]{36}/, '{id}')}`;
  if (res.status !== request.status) {
    throw new Error(`${what} answered ${res.status}, not ${request.status}: ${text.slice(0, 300)}`);
  }
  if (!/^application\/json\b/.test(res.headers.get('content-type') ?? '')) {
    throw new Error(`${what} answered Content-Type ${res.headers.get('content-type')}.`);
  }
  const body = JSON.parse(text) as Record<string, unknown>;
  const wrong = contractCheck(request.operationId, request.status)(body);
  if (wrong.length > 0)
    throw new Error(`${what}: the body breaks the contract: ${wrong.join('; ')}`);
  switch (id) {
    case 'list-tasks': {
      const data = body.data as unknown[];
      if (data.length !== 20) throw new Error(`${what} listed ${data.length} tasks, not 20.`);
      return { exactBody: text };
    }
    case 'get-task':
      if (body.id !== l.seeded!.taskId) throw new Error(`${what} answered another task.`);
      return { exactBody: text };
    case 'create-task':
      return { fields: { ...createTaskBody, status: 'todo' } };
    case 'health':
      return { exactBody: text };
  }
}

export function loadSpec(
  l: Live,
  id: ScenarioId,
  durationSeconds: number,
  connections: number,
): LoadSpec {
  return {
    baseUrl: l.server.baseUrl,
    request: requestFor(id, l.seeded),
    connections,
    durationSeconds,
    ...l.expectations.get(id),
  };
}
