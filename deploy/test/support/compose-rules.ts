import { isDeepStrictEqual } from 'node:util';
import { resolve } from 'node:path';
import { envSchema, loadConfig } from '@rosetta/runtime';
import { interpolateAll, type Environment } from './interpolate.js';
import { repoRoot } from './yaml.js';

/**
 * What deploy/compose.yaml must hold beyond its schema, each rule a function that lists what breaks it
 * (empty when it holds), so that a test can show both that the file keeps a rule and that a file which
 * breaks it is caught. Only the parts of the Compose model read here are typed.
 */
export interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; args?: Record<string, string> };
  environment?: Record<string, string | number | boolean | null> | string[];
  healthcheck?: { test?: string | string[] };
  depends_on?: string[] | Record<string, { condition: string }>;
  ports?: unknown[];
  volumes?: unknown[];
  stop_grace_period?: string;
}

export interface Compose {
  services: Record<string, Service>;
}

/** What the rules compare the file with: the image, the proxy's config, the starters. */
export interface Facts {
  /** The Dockerfile's ARG names. */
  buildArgs: Set<string>;
  /** The environment the image starts with (the Dockerfile's last stage). */
  imageEnv: Record<string, string>;
  haproxyCfg: string;
  /** The starters the Dockerfile can build (the conformance suite's registry). */
  starters: string[];
}

const REPLICAS = ['app1', 'app2'] as const;
const deployDir = resolve(repoRoot, 'deploy');

function environmentOf(service: Service | undefined): Record<string, string> {
  const env = service?.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((line) => [line.split('=')[0]!, line.split('=').slice(1).join('=')])
    : Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]);
  return Object.fromEntries(entries) as Record<string, string>;
}

function dependencies(service: Service | undefined): Record<string, string> {
  const deps = service?.depends_on ?? {};
  return Array.isArray(deps)
    ? Object.fromEntries(deps.map((name) => [name, 'service_started']))
    : Object.fromEntries(Object.entries(deps).map(([name, d]) => [name, d.condition]));
}

/** The two replicas HAProxy balances are one definition, and only HAProxy reaches them. */
export function replicaProblems(compose: Compose): string[] {
  const [first, second] = REPLICAS.map((name) => compose.services[name]);
  if (!first || !second) return [`services ${REPLICAS.join(' and ')} are both required`];
  const problems: string[] = [];
  if (!isDeepStrictEqual(first, second)) problems.push('app1 and app2 differ');
  for (const name of REPLICAS) {
    // Publishing would let a client reach a replica past HAProxy, and choose its X-Forwarded-For.
    if ((compose.services[name]?.ports ?? []).length > 0) problems.push(`${name} publishes ports`);
  }
  return problems;
}

/** The replicas build from the repository's root Dockerfile with only arguments it declares. */
export function buildProblems(compose: Compose, facts: Facts): string[] {
  const build = compose.services.app1?.build;
  if (typeof build !== 'object') return ['app1 must build with a context and args'];
  const problems: string[] = [];
  if (resolve(deployDir, build.context ?? '.') !== repoRoot)
    problems.push(`app1 builds from ${build.context}, not the repository root (..)`);
  if ((build.dockerfile ?? 'Dockerfile') !== 'Dockerfile')
    problems.push(`app1 builds ${build.dockerfile}, not the root Dockerfile`);
  for (const arg of Object.keys(build.args ?? {})) {
    if (!facts.buildArgs.has(arg))
      problems.push(`build arg ${arg} is not an ARG of the Dockerfile`);
  }
  const starter = interpolateAll(build.args?.STARTER ?? '', {});
  if (!facts.starters.includes(starter)) problems.push(`STARTER defaults to "${starter}"`);
  return problems;
}

/** The replicas set only variables the starters read, and at least those the stack needs. */
export function environmentProblems(compose: Compose): string[] {
  const known = new Set(Object.keys(envSchema.properties));
  const env = environmentOf(compose.services.app1);
  const problems = Object.keys(env)
    .filter((name) => !known.has(name))
    .map((name) => `app1 sets ${name}, which no starter reads`);
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'TRUST_PROXY']) {
    if (!(name in env)) problems.push(`app1 does not set ${name}`);
  }
  return problems;
}

/**
 * With `values` for the variables, a replica's environment (the image's, then the file's) passes the
 * start contract, trusts a proxy, and points at the stack's own PostgreSQL and Redis.
 */
export function startProblems(compose: Compose, facts: Facts, values: Environment): string[] {
  const filled = interpolateAll(compose, values);
  const env = { ...facts.imageEnv, ...environmentOf(filled.services.app1) };
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    const problems = (error as { problems?: string[] }).problems ?? [String(error)];
    return problems.map((p) => `app1 would not start: ${p}`);
  }
  const problems: string[] = [];
  if (config.trustProxy === false)
    problems.push('app1 trusts no proxy, so every client is HAProxy');
  const database = new URL(config.databaseUrl ?? 'postgres://unset');
  const postgres = filled.services[database.hostname];
  const pg = environmentOf(postgres);
  if (!postgres?.image?.startsWith('postgres:'))
    problems.push(`DATABASE_URL names ${database.hostname}, not the PostgreSQL service`);
  else if (
    decodeURIComponent(database.username) !== pg.POSTGRES_USER ||
    decodeURIComponent(database.password) !== pg.POSTGRES_PASSWORD ||
    database.pathname.slice(1) !== pg.POSTGRES_DB
  )
    problems.push("DATABASE_URL's user, password or database is not the PostgreSQL service's");
  const redis = new URL(config.redisUrl ?? 'redis://unset').hostname;
  if (!filled.services[redis]?.image?.startsWith('redis:'))
    problems.push(`REDIS_URL names ${redis}, not the Redis service`);
  return problems;
}

/**
 * Every service but the proxy says when it is healthy, the way its image allows (the app's has node
 * and no curl), and whatever waits for a service to be healthy waits for one that can be.
 */
export function healthProblems(compose: Compose): string[] {
  const problems: string[] = [];
  const testOf = (name: string) => {
    const test = compose.services[name]?.healthcheck?.test;
    return Array.isArray(test) ? test.join(' ') : (test ?? '');
  };
  for (const name of Object.keys(compose.services).filter((n) => n !== 'haproxy')) {
    if (testOf(name) === '') problems.push(`${name} has no healthcheck`);
  }
  if (!/^CMD node -e fetch\(.*'\/health'\)/.test(testOf('app1')))
    problems.push("app1's healthcheck must fetch /health with node");
  if (/\b(curl|wget)\b/.test(testOf('app1'))) problems.push("app1's image has no curl or wget");
  if (!testOf('postgres').includes('pg_isready')) problems.push('postgres must check pg_isready');
  if (!testOf('redis').includes('redis-cli ping')) problems.push('redis must check redis-cli ping');
  for (const [name, service] of Object.entries(compose.services)) {
    for (const [dependency, condition] of Object.entries(dependencies(service))) {
      if (condition === 'service_healthy' && testOf(dependency) === '')
        problems.push(`${name} waits for ${dependency} to be healthy, which it never is`);
    }
  }
  const app = dependencies(compose.services.app1);
  for (const store of ['postgres', 'redis']) {
    if (app[store] !== 'service_healthy')
      problems.push(`app1 must wait for ${store} to be healthy`);
  }
  return problems;
}

/** HAProxy's config as mounted: the address it binds and the servers it balances, by default. */
export function haproxyDefaults(cfg: string): { bindPort: number; servers: string[] } {
  const bind = /^\s*bind\s+"\$\{HAPROXY_BIND-[^}]*:(\d+)\}"/m.exec(cfg);
  const servers = [...cfg.matchAll(/^\s*server\s+\S+\s+"\$\{HAPROXY_APP\d+-([^}]+)\}"/gm)];
  if (!bind || servers.length === 0)
    throw new Error('haproxy.cfg no longer gives its bind and servers environment defaults');
  return { bindPort: Number(bind[1]), servers: servers.map((m) => m[1]!) };
}

/**
 * The proxy mounts deploy/haproxy/ read-only where the image reads its config, publishes the port
 * that config binds, starts once both replicas are healthy, and balances services that exist, on the
 * port they listen on.
 */
export function proxyProblems(compose: Compose, facts: Facts): string[] {
  const haproxy = compose.services.haproxy;
  if (!haproxy) return ['no haproxy service'];
  const problems: string[] = [];
  if (!/^haproxy:[23]\.\d+/.test(haproxy.image ?? ''))
    problems.push(`haproxy runs ${haproxy.image}, not a 2.x or 3.x release of HAProxy`);
  if (!(haproxy.volumes ?? []).includes('./haproxy:/usr/local/etc/haproxy:ro'))
    problems.push('haproxy must mount ./haproxy read-only at /usr/local/etc/haproxy');
  const { bindPort, servers } = haproxyDefaults(facts.haproxyCfg);
  if (!(haproxy.ports ?? []).includes(`${bindPort}:${bindPort}`))
    problems.push(`haproxy must publish ${bindPort}, the port its config binds`);
  const waits = dependencies(haproxy);
  for (const server of servers) {
    const [host = '', port] = server.split(':');
    const service = compose.services[host];
    if (!service) {
      problems.push(`haproxy.cfg balances ${host}, which is no service`);
      continue;
    }
    const listens = environmentOf(service).PORT ?? facts.imageEnv.PORT;
    if (port !== listens)
      problems.push(`haproxy.cfg sends to ${server}, but ${host} listens on ${listens}`);
    if (waits[host] !== 'service_healthy')
      problems.push(`haproxy must wait for ${host} to be healthy`);
  }
  return problems;
}

/** Go's duration syntax, as Compose reads stop_grace_period, in milliseconds. */
export function durationMs(duration: string): number {
  const unit: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1e3,
    m: 6e4,
    h: 3.6e6,
  };
  let total = 0;
  for (const [, value, name] of duration.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g))
    total += Number(value) * unit[name!]!;
  return total;
}

/** Docker waits long enough after SIGTERM for the app's own drain deadline to pass first. */
export function shutdownProblems(compose: Compose): string[] {
  const service = compose.services.app1;
  const timeout =
    environmentOf(service).SHUTDOWN_TIMEOUT_MS ??
    String(envSchema.properties.SHUTDOWN_TIMEOUT_MS.default);
  if (!/^\d+$/.test(timeout))
    return ['SHUTDOWN_TIMEOUT_MS must be fixed, for stop_grace_period to outlast it'];
  // Docker's own default when the file says nothing.
  const grace = durationMs(service?.stop_grace_period ?? '10s');
  return grace > Number(timeout)
    ? []
    : [`stop_grace_period (${grace} ms) must exceed SHUTDOWN_TIMEOUT_MS (${timeout} ms)`];
}
