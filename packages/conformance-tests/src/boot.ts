import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  baseEnvironment,
  type ExitResult,
  freeAddress,
  spawnServer,
  tail,
} from './spawn-server.js';

export {
  baseEnvironment,
  freeAddress,
  freePort,
  sleep,
  spawnServer,
  tail,
} from './spawn-server.js';
export type { ExitResult, FreeAddress, SpawnedServer, SpawnSpec } from './spawn-server.js';

export const ALLOWED_ORIGIN = 'http://allowed.test';
export const AUTH_RATE_LIMIT_MAX = 10;
export const AUTH_RATE_LIMIT_WINDOW_SECONDS = 10;
const SHUTDOWN_TIMEOUT_MS = 5_000;
/** How long SIGTERM may take beyond the server's own shutdown budget (SHUTDOWN_TIMEOUT_MS): to exit. */
const EXIT_ROOM_MS = 5_000;
const READY_TIMEOUT_MS = 60_000;
const READY_POLL_MS = 100;

export interface BootOptions {
  /** The starter's package folder; `dist/server.js` in it is run with it as cwd. */
  packageDir: string;
  databaseUrl: string;
  logFile: string;
  /** Extra or overriding environment variables. */
  env?: Record<string, string>;
}

export interface Secrets {
  jwtSecret: string;
  admin: { email: string; password: string };
}

/** How the server ended; `durationMs` counts from the SIGTERM. */
export type StopResult = ExitResult;

export interface BootedServer extends Secrets {
  baseUrl: string;
  pid: number;
  logFile: string;
  bootMs: number;
  /** How long SIGTERM may take: the server's SHUTDOWN_TIMEOUT_MS plus room to exit. */
  gracePeriodMs: number;
  /**
   * Sends SIGTERM and returns at once, for a test that acts while the server drains. A second SIGTERM
   * would mean "exit now", so `stop()` after this only waits, and times the exit from this signal.
   */
  terminate(): void;
  /**
   * Sends SIGTERM (unless `terminate()` did) and waits; throws unless the process exits 0 within the
   * grace period.
   */
  stop(): Promise<StopResult>;
}

/** The secrets a boot starts with: random per boot, so no test can depend on another run's. */
export function randomSecrets(): Secrets {
  const tag = randomBytes(6).toString('hex');
  return {
    jwtSecret: randomBytes(32).toString('hex'),
    admin: {
      email: `admin-${tag}@conformance.test`,
      password: `Adm1n-${randomBytes(12).toString('hex')}`,
    },
  };
}

/** Boots a built starter on a free loopback port and waits until `/health/ready` answers 200. */
export async function bootStarter(
  options: BootOptions,
  secrets = randomSecrets(),
): Promise<BootedServer> {
  const { host, port, baseUrl } = await freeAddress();
  const env = {
    ...baseEnvironment(),
    ...startEnvironment(host, port, options.databaseUrl, secrets),
    ...options.env,
  };
  const gracePeriodMs = Number(env.SHUTDOWN_TIMEOUT_MS) + EXIT_ROOM_MS;
  const { child, pid, startedAt, readyMs, exited } = await spawnServer({
    command: process.execPath,
    args: [join('dist', 'server.js')],
    cwd: options.packageDir,
    env,
    logFile: options.logFile,
    readyUrl: `${baseUrl}/health/ready`,
    pollMs: READY_POLL_MS,
    timeoutMs: READY_TIMEOUT_MS,
  });
  let signalledAt: number | undefined;
  const terminate = () => {
    if (signalledAt !== undefined) return;
    signalledAt = performance.now();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  return {
    ...secrets,
    baseUrl,
    pid,
    logFile: options.logFile,
    bootMs: readyMs,
    gracePeriodMs,
    terminate,
    stop: () => {
      terminate();
      return stop(
        child,
        exited,
        { started: startedAt, sent: signalledAt!, gracePeriodMs },
        options.logFile,
      );
    },
  };
}

/** The start contract: what every starter reads. */
function startEnvironment(
  host: string,
  port: number,
  databaseUrl: string,
  secrets: Secrets,
): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST: host,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    JWT_SECRET: secrets.jwtSecret,
    ADMIN_EMAIL: secrets.admin.email,
    ADMIN_PASSWORD: secrets.admin.password,
    LOG_LEVEL: 'warn',
    CORS_ORIGINS: ALLOWED_ORIGIN,
    // Every test client sends its own X-Forwarded-For, so only the rate-limit test shares a bucket.
    TRUST_PROXY: 'loopback',
    AUTH_RATE_LIMIT_MAX: String(AUTH_RATE_LIMIT_MAX),
    AUTH_RATE_LIMIT_WINDOW_SECONDS: String(AUTH_RATE_LIMIT_WINDOW_SECONDS),
    // Out of the way of tests that fail at one account many times (the fuzzing of PATCH /users/me);
    // the per-account limit has instances of its own with a small budget (test/auth/account-limit).
    ACCOUNT_RATE_LIMIT_MAX: '1000',
    SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
  };
}

async function stop(
  child: ChildProcess,
  exited: Promise<StopResult>,
  { started, sent, gracePeriodMs }: { started: number; sent: number; gracePeriodMs: number },
  logFile: string,
): Promise<StopResult> {
  const result = await within(exited, Math.max(0, sent + gracePeriodMs - performance.now()));
  if (!result) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(
      `The server did not exit within ${gracePeriodMs} ms of SIGTERM.\n${tail(logFile)}`,
    );
  }
  // The exit's own time, not when this call noticed it: terminate() may have come long before.
  const timed = { ...result, durationMs: started + result.durationMs - sent };
  if (timed.durationMs > gracePeriodMs) {
    throw new Error(
      `The server took ${timed.durationMs} ms to exit after SIGTERM, over the ${gracePeriodMs} ms grace period.\n${tail(logFile)}`,
    );
  }
  if (timed.exitCode !== 0) {
    throw new Error(
      `The server exited with code ${timed.exitCode} (signal ${timed.signal}) after SIGTERM, not 0.\n${tail(logFile)}`,
    );
  }
  return timed;
}

/** The promise's value, or undefined if it takes longer than `ms`; the timer never outlives it. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
