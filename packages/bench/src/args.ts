import { parseArgs } from 'node:util';
import { dbKinds, type DbChoice } from '@rosetta/conformance-tests/database';

export interface BenchArgs {
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  connections: number;
  /** Starter names (and variants such as nest-fastify); empty: every built starter. */
  targets: string[];
  quick: boolean;
  db: DbChoice;
  seedTasks: number;
  /** LOG_LEVEL for the starters; undefined leaves their default (info), as in production. */
  logLevel: string | undefined;
  help: boolean;
}

/** The default profile: a few minutes for four starters on a 2-core machine. */
export const fullProfile = { durationSeconds: 3, warmupSeconds: 2, rounds: 3, connections: 50 };
/**
 * `--quick`, for CI: proves every target serves every scenario correctly; measures nothing, so one
 * round and no warm-up (every response is still checked against the contract).
 */
export const quickProfile = { durationSeconds: 1, warmupSeconds: 0, rounds: 1, connections: 20 };

export const usage = `Usage: npm run bench -- [options]

Measures every built starter under the same load, on the same PostgreSQL and the same seeded data,
against three references run alongside: sql-limit (the fewest SQL statements through pg, the
machine's limit), the same domain on plain node:http, and each framework's bare hello-world.
Writes reports/bench.json and prints a table.

Options
  --duration <s>       seconds of load per target, scenario and round (default ${fullProfile.durationSeconds})
  --warmup <s>         seconds of discarded load per target and scenario first (default ${fullProfile.warmupSeconds})
  --rounds <n>         rounds, order reversed every other round (default ${fullProfile.rounds})
  --connections <n>    concurrent connections (default ${fullProfile.connections})
  --targets <a,b>      starters to measure, e.g. express,hono or nest-fastify (default: every built one)
  --quick              a smoke run for CI (${quickProfile.durationSeconds} s x ${quickProfile.rounds} round, no warm-up, ${quickProfile.connections} connections): labelled as such
  --log-level <level>  LOG_LEVEL for the starters (default: unset, their production default, info);
                       e.g. warn to see what per-request logging costs
  --db auto|postgres|pglite|testcontainers
                       where the fresh databases come from, as in the conformance suite (default:
                       TEST_DATABASE_URL/DATABASE_URL when set, else PGlite)
  -h, --help
`;

export function parseBenchArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    allowPositionals: false,
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      connections: { type: 'string' },
      targets: { type: 'string', multiple: true },
      quick: { type: 'boolean' },
      db: { type: 'string' },
      'seed-tasks': { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const quick = values.quick ?? false;
  const profile = quick ? quickProfile : fullProfile;
  const db = (values.db ?? env.BENCH_DB ?? 'auto') as DbChoice;
  if (db !== 'auto' && !dbKinds.includes(db)) {
    throw new Error(`--db must be one of auto, ${dbKinds.join(', ')}; got "${db}".`);
  }
  return {
    durationSeconds: number(values.duration, '--duration', profile.durationSeconds, 0.5),
    warmupSeconds: number(values.warmup, '--warmup', profile.warmupSeconds, 0),
    rounds: integer(values.rounds, '--rounds', profile.rounds, 1),
    connections: integer(values.connections, '--connections', profile.connections, 1),
    targets: [
      ...new Set(
        (values.targets ?? []).flatMap((t) =>
          t
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ),
    ],
    quick,
    db,
    seedTasks: integer(values['seed-tasks'], '--seed-tasks', 100, 20),
    logLevel: logLevel(values['log-level']),
    help: values.help ?? false,
  };
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function logLevel(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!logLevels.includes(value))
    throw new Error(`--log-level must be one of ${logLevels.join(', ')}.`);
  return value;
}

function number(value: string | undefined, flag: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new Error(`${flag} must be a number >= ${min}.`);
  return n;
}

function integer(value: string | undefined, flag: string, fallback: number, min: number): number {
  const n = number(value, flag, fallback, min);
  if (!Number.isInteger(n)) throw new Error(`${flag} must be a whole number.`);
  return n;
}

/**
 * Why a run's figures are not a measurement: asked for as one, or too short or too few rounds for a
 * median to mean anything on a shared 2-core machine.
 */
export function smokeReasons(
  args: Pick<BenchArgs, 'quick' | 'durationSeconds' | 'rounds'>,
): string[] {
  const reasons: string[] = [];
  if (args.quick) reasons.push('run with --quick (a CI smoke run)');
  else {
    if (args.durationSeconds < 3) reasons.push(`${args.durationSeconds} s of load per run (< 3 s)`);
    if (args.rounds < 3) reasons.push(`${args.rounds} round(s) (< 3)`);
  }
  return reasons;
}
