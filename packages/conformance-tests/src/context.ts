import type { Capabilities } from './coverage.js';
import type { DbKind } from './database.js';
import type { Balancer } from './results.js';

/** What the CLI hands every test file through Vitest's `provide`/`inject`. Plain data only. */
export interface ConformanceContext {
  target: string;
  kind: 'starter' | 'url';
  baseUrl: string;
  /** The starter's package folder, to boot a second instance of it. Starter targets only. */
  packageDir?: string;
  /** A variant's settings (`NEST_ADAPTER=fastify`), for every further instance too. */
  starterEnv?: Record<string, string>;
  jwtSecret?: string;
  admin?: { email: string; password: string };
  /** An origin the target's CORS policy allows. */
  corsOrigin?: string;
  /** The target's AUTH_RATE_LIMIT_MAX, when known. */
  authRateLimitMax?: number;
  /** Where extra databases come from: the same kind the target runs on. */
  database: { kind: DbKind; adminUrl?: string };
  /** A scratch folder for this target's run: coverage records, figures, extra servers' logs. */
  runDir: string;
  /** How hard the reliability groups (`test/reliability/`) push. */
  reliability: ReliabilityProfile;
  /** A Redis the scale-out group may use (`TEST_REDIS_URL`, else `REDIS_URL`); unset, it shows n/a. */
  redisUrl?: string;
  /**
   * How many instances of the target serve `baseUrl` (`--instances`): more than one sit behind a
   * round-robin balancer and share the database and `redisUrl`. 1 for URL targets, as far as we know.
   */
  instances: number;
  /** What stands in front of more than one instance: HAProxy, or the harness's own balancer. */
  balancer?: Balancer;
}

/**
 * `quick` runs in `npm test`, `npm start` and CI; `full` is `npm run test:reliability`, the lengths the
 * reliability issue asks for. Only counts differ, never what is checked. Work is bounded by counts, not
 * by time, so a busy machine takes longer rather than checking less.
 */
export interface ReliabilityProfile {
  name: 'quick' | 'full';
  /** fast-check's seed for every property in the run: printed, and replayable with `--seed`. */
  seed: number;
  /** fast-check runs per operation (valid and invalid inputs each). */
  fuzzRuns: number;
  /**
   * The mixed-workload soak: how many complete loops (a login, then create → list → update → delete a
   * few times) each connection runs, over how many connections.
   */
  soakLoops: number;
  soakConnections: number;
}

export const reliabilityProfiles: Record<
  ReliabilityProfile['name'],
  Omit<ReliabilityProfile, 'seed'>
> = {
  quick: { name: 'quick', fuzzRuns: 40, soakLoops: 1, soakConnections: 100 },
  full: { name: 'full', fuzzRuns: 300, soakLoops: 6, soakConnections: 100 },
};

declare module 'vitest' {
  export interface ProvidedContext {
    conformance: ConformanceContext;
  }
}

export function capabilitiesOf(context: ConformanceContext): Capabilities {
  return {
    // Through a balancer (`--instances`), a group that boots instances of its own would not test
    // the balanced target at all, only repeat what the single-instance run of the target did.
    bootable: context.kind === 'starter' && !!context.packageDir && context.instances === 1,
    admin: !!context.admin,
  };
}
