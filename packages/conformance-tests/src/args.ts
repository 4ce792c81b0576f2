import { parseArgs } from 'node:util';
import { dbKinds, type DbChoice } from './database.js';
import type { ReliabilityProfile } from './context.js';
import { targetNames } from './targets.js';

export interface CliArgs {
  targets: string[];
  url?: {
    baseUrl: string;
    jwtSecret?: string;
    admin?: { email: string; password: string };
    corsOrigin?: string;
    authRateLimitMax?: number;
  };
  db: DbChoice;
  /** Test files to run (substrings of their paths); all when empty. */
  files: string[];
  /** Only tests whose full name matches. */
  grep?: string;
  reliability: ReliabilityProfile['name'];
  /** fast-check's seed; random when not given. */
  seed?: number;
  /** Instances of each starter, behind a round-robin balancer when more than one. */
  instances: number;
  help: boolean;
}

export const usage = `Usage: rosetta-conformance [--all | --target <name>... | --url <base>] [options] [file filters]

Targets
  --all                     every registered starter and variant (${targetNames.join(', ')})
  --target <name>           a registered starter; repeatable. The harness boots its dist/server.js
  --url <base>              a server someone else runs, e.g. http://localhost:3000
    --jwt-secret <secret>     its JWT_SECRET, for the tests that re-sign tokens
    --admin-email <email>     an admin account, for the admin tests
    --admin-password <pw>
    --cors-origin <origin>    an origin its CORS policy allows
    --auth-rate-limit-max <n> its AUTH_RATE_LIMIT_MAX

Options
  --db auto|postgres|testcontainers|pglite
                            where starters' databases come from (default: CONFORMANCE_DB or auto:
                            TEST_DATABASE_URL/DATABASE_URL, else Testcontainers if Docker answers,
                            else in-process PGlite)
  --grep <pattern>          only tests whose name matches
  --reliability quick|full  how much the reliability groups (test/reliability) do: quick (default)
                            for npm test and CI, full for npm run test:reliability
  --seed <n>                fast-check's seed, to replay a fuzzing failure (the run prints its seed)
  --instances <n>           boot n instances of each starter (default 1) on one database, sharing the
                            Redis in TEST_REDIS_URL or REDIS_URL (required when n > 1), and run the
                            suite through a round-robin load balancer in front of them
  -h, --help
`;

export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv = {}): CliArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      all: { type: 'boolean' },
      target: { type: 'string', multiple: true },
      url: { type: 'string' },
      'jwt-secret': { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-password': { type: 'string' },
      'cors-origin': { type: 'string' },
      'auth-rate-limit-max': { type: 'string' },
      db: { type: 'string' },
      grep: { type: 'string' },
      reliability: { type: 'string' },
      seed: { type: 'string' },
      instances: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const db = (values.db ?? env.CONFORMANCE_DB ?? 'auto') as DbChoice;
  if (db !== 'auto' && !dbKinds.includes(db)) {
    throw new Error(`--db must be one of auto, ${dbKinds.join(', ')}; got "${db}".`);
  }
  const reliability = values.reliability ?? 'quick';
  if (reliability !== 'quick' && reliability !== 'full') {
    throw new Error(`--reliability must be quick or full; got "${reliability}".`);
  }
  const targets = values.all ? [...targetNames] : [...new Set(values.target ?? [])];
  const args: CliArgs = {
    targets,
    db,
    files: positionals,
    reliability,
    instances: 1,
    help: values.help ?? false,
  };
  if (values.instances !== undefined) {
    const instances = Number(values.instances);
    if (!Number.isInteger(instances) || instances < 1 || instances > 16) {
      throw new Error(`--instances must be an integer from 1 to 16; got "${values.instances}".`);
    }
    if (values.url) throw new Error('--instances goes with starter targets, not --url.');
    args.instances = instances;
  }
  if (values.grep) args.grep = values.grep;
  if (values.seed !== undefined) {
    const seed = Number(values.seed);
    if (!Number.isSafeInteger(seed))
      throw new Error(`--seed must be an integer; got "${values.seed}".`);
    args.seed = seed;
  }
  if (values.url) {
    const baseUrl = new URL(values.url).toString().replace(/\/+$/, '');
    args.url = { baseUrl };
    if (values['jwt-secret']) args.url.jwtSecret = values['jwt-secret'];
    if (values['admin-email'] || values['admin-password']) {
      if (!values['admin-email'] || !values['admin-password']) {
        throw new Error('--admin-email and --admin-password go together.');
      }
      args.url.admin = { email: values['admin-email'], password: values['admin-password'] };
    }
    if (values['cors-origin']) args.url.corsOrigin = values['cors-origin'];
    if (values['auth-rate-limit-max']) {
      const max = Number(values['auth-rate-limit-max']);
      if (!Number.isInteger(max) || max < 1)
        throw new Error('--auth-rate-limit-max must be a positive integer.');
      args.url.authRateLimitMax = max;
    }
  } else if (values['jwt-secret'] || values['admin-email'] || values['cors-origin']) {
    throw new Error(
      '--jwt-secret, --admin-email, --admin-password and --cors-origin go with --url.',
    );
  }
  if (!args.help && args.targets.length === 0 && !args.url) {
    throw new Error('Name something to test: --all, --target <name> or --url <base>.');
  }
  return args;
}
