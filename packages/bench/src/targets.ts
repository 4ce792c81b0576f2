import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  packageDir as suiteDir,
  reportsDir as conformanceReportsDir,
  starters,
  variants as registryVariants,
} from '@rosetta/conformance-tests/targets';
import { NODE_HTTP_TARGET, SQL_LIMIT_TARGET, type BenchTarget } from './results.js';

/** `express-telemetry`: the express starter with its telemetry on. */
export const TELEMETRY_SUFFIX = '-telemetry';

/** This package's folder (the CLI runs from `dist/`, the tests from `src/`). */
export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** `reports/` at the repository root: the conformance registry's reports folder's parent. */
export const reportsRoot = resolve(conformanceReportsDir, '..');

/** What the bench knows of each framework: a label, and whether it has a hello-world here. */
const frameworks: Record<string, { label: string; hello: boolean }> = {
  express: { label: 'Express 5', hello: true },
  fastify: { label: 'Fastify 5', hello: true },
  hono: { label: 'Hono 4', hello: true },
  nest: { label: 'NestJS 12 (Express)', hello: true },
  'nest-fastify': { label: 'NestJS 12 (Fastify)', hello: true },
};

/**
 * A second way to run a starter, from the conformance registry (Nest on Fastify:
 * `NEST_ADAPTER=fastify`). The bench measures it only once the starter can switch: its built code
 * must read `switchEnv`.
 */
interface Variant {
  name: string;
  starter: string;
  env: Record<string, string>;
  /** The environment variable the starter reads to switch; looked for in its `dist/`. */
  switchEnv: string;
}

export const variants: Variant[] = Object.entries(registryVariants).map(([name, variant]) => ({
  name,
  starter: variant.starter,
  env: variant.env,
  switchEnv: Object.keys(variant.env)[0]!,
}));

/** A registered starter as the bench sees it. */
export interface StarterInfo {
  name: string;
  packageDir: string;
  /** `dist/server.js` exists. */
  built: boolean;
  /** Names of the variants it supports (see {@link Variant}). */
  variants: string[];
}

/** A target with what it takes to start it. */
export interface PlannedTarget extends BenchTarget {
  /** The script `node` runs, and the folder it runs in. */
  script: string;
  cwd: string;
  /** Environment beyond the start contract the bench sets. */
  env: Record<string, string>;
  /** Needs a database, seeded data and the start contract's environment. */
  database: boolean;
  /**
   * The scenarios it is measured on: `health` for a hello-world; `database` for sql-limit, whose
   * GET /health is node-http's code (./reference/http.ts) and would say nothing new; `telemetry`
   * for a starter with telemetry on: GET /health (a request's own cost) and GET /tasks/{id} (with
   * the spans of its SQL).
   */
  measures: 'all' | 'health' | 'database' | 'telemetry';
  /** Polled for cold start: the first correct 200 here means the target is serving. */
  readyPath: string;
}

/**
 * Which processes a run starts: the two references (sql-limit, and the domain on node:http), the chosen
 * starters (and variants) that are built, and the hello-world of each chosen framework. `requested` empty means every built starter. Asking by
 * name for a starter that is not built is an error; leaving it out of "all" is only a note.
 */
export function planTargets(
  available: readonly StarterInfo[],
  requested: readonly string[],
  dirs: { dist: string; telemetryEndpoint?: string },
): { targets: PlannedTarget[]; notes: string[] } {
  const notes: string[] = [];
  const known = new Map<string, { starter: StarterInfo; variant?: Variant }>();
  for (const starter of available) {
    known.set(starter.name, { starter });
    for (const variant of variants.filter((v) => v.starter === starter.name)) {
      known.set(variant.name, { starter, variant });
    }
  }
  for (const name of requested) {
    if (name === NODE_HTTP_TARGET || name === SQL_LIMIT_TARGET || name.startsWith('hello-')) {
      continue;
    }
    if (!known.has(name)) {
      throw new Error(
        `Unknown target "${name}". Known: ${[...known.keys()].join(', ')} (the references ${SQL_LIMIT_TARGET} and ${NODE_HTTP_TARGET}, and the hello-worlds, always run).`,
      );
    }
  }

  const chosen: PlannedTarget[] = [];
  for (const [name, { starter, variant }] of known) {
    const explicit = requested.includes(name);
    if (requested.length > 0 && !explicit) continue;
    if (!starter.built) {
      const message = `${name}: ${join(starter.packageDir, 'dist', 'server.js')} is missing; build it first (npm run build).`;
      if (explicit) throw new Error(message);
      notes.push(`${message} Not measured.`);
      continue;
    }
    if (variant && !starter.variants.includes(variant.name)) {
      const message = `${name}: the ${starter.name} starter offers no switch of adapter (its build never reads ${variant.switchEnv}).`;
      if (explicit) throw new Error(message);
      notes.push(`${message} Not measured.`);
      continue;
    }
    const framework = frameworks[name];
    const hello = framework?.hello ? `hello-${name}` : undefined;
    chosen.push({
      name,
      kind: 'starter',
      label: framework?.label ?? name,
      framework: name,
      starter: starter.name,
      ...(hello && { hello }),
      script: join(starter.packageDir, 'dist', 'server.js'),
      cwd: starter.packageDir,
      env: variant?.env ?? {},
      database: true,
      measures: 'all',
      readyPath: '/health/ready',
    });
  }

  const reference = (name: string, label: string, measures: PlannedTarget['measures']) => ({
    name,
    kind: 'limit' as const,
    label,
    framework: name,
    script: join(dirs.dist, 'reference', `${name}.js`),
    cwd: dirs.dist,
    env: {},
    database: true,
    measures,
    readyPath: '/health/ready',
  });
  const references: PlannedTarget[] = [
    reference(SQL_LIMIT_TARGET, 'sql-limit (pg, no ORM)', 'database'),
    reference(NODE_HTTP_TARGET, 'the domain on node:http', 'all'),
  ];
  const hellos = chosen.flatMap((target): PlannedTarget[] =>
    target.hello
      ? [
          {
            name: target.hello,
            kind: 'hello',
            label: `${target.label}, hello-world`,
            framework: target.framework,
            script: join(dirs.dist, 'hello', `${target.framework}.js`),
            cwd: dirs.dist,
            env: {},
            database: false,
            measures: 'health',
            readyPath: '/health',
          },
        ]
      : [],
  );
  // Each starter with its telemetry on, when the bench has a sink for the spans.
  const endpoint = dirs.telemetryEndpoint;
  const twin = ({ hello: _hello, ...target }: PlannedTarget): PlannedTarget[] =>
    endpoint
      ? [
          {
            ...target,
            name: `${target.name}${TELEMETRY_SUFFIX}`,
            label: `${target.label}, telemetry on`,
            telemetryOf: target.name,
            env: {
              ...target.env,
              METRICS_ENABLED: 'true',
              METRICS_TOKEN: randomBytes(24).toString('hex'),
              OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
            },
            measures: 'telemetry',
          },
        ]
      : [];
  // Each starter runs between its telemetry-on twin and its hello-world, so both of its ratios
  // compare figures measured seconds apart, whatever else the machine is doing (the order reverses
  // every other round; neighbours stay neighbours).
  const paired = chosen.flatMap((t) => [
    ...twin(t),
    t,
    ...hellos.filter((h) => h.name === t.hello),
  ]);
  return { targets: [...references, ...paired], notes };
}

/** The conformance registry's starters, and whether each is built and can switch adapter. */
export function discoverStarters(): StarterInfo[] {
  return Object.entries(starters).map(([name, folder]) => {
    const dir = resolve(suiteDir, folder);
    const dist = join(dir, 'dist');
    const built = existsSync(join(dist, 'server.js'));
    const supported = built
      ? variants
          .filter((v) => v.starter === name && distMentions(dist, v.switchEnv))
          .map((v) => v.name)
      : [];
    return { name, packageDir: dir, built, variants: supported };
  });
}

function distMentions(dir: string, text: string): boolean {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .some((file) => readFileSync(join(dir, file), 'utf8').includes(text));
}
