import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import {
  baseEnvironment,
  type ExitResult,
  freeAddress,
  spawnServer,
} from '@rosetta/conformance-tests/boot';

/**
 * Starting and stopping the processes under test, through the conformance harness's `spawnServer`,
 * with what the bench needs on top: the process pinned to a core from its first instruction
 * (`taskset -c 0 node …`), readiness timed to a few milliseconds (cold start), and scripts that are
 * not starters (the references).
 */

const READY_POLL_MS = 5;
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

/** Server on one core, load generator on another, when the machine has two and taskset exists. */
export interface Pinning {
  server: number | null;
  load: number | null;
}

export function choosePinning(): Pinning {
  const taskset = ['/usr/bin/taskset', '/bin/taskset'].some((path) => existsSync(path));
  return taskset && cpus().length >= 2 ? { server: 0, load: 1 } : { server: null, load: null };
}

/** `node args…`, under `taskset -c <core>` when pinned; taskset execs node, so the pid is node's. */
export function pinnedCommand(core: number | null, args: string[]): [string, string[]] {
  return core === null
    ? [process.execPath, args]
    : ['taskset', ['-c', String(core), process.execPath, ...args]];
}

export interface LaunchSpec {
  name: string;
  script: string;
  cwd: string;
  env: Record<string, string>;
  logFile: string;
  /** Polled until it answers 200 with a JSON `status: ok`. */
  readyPath: string;
  core: number | null;
}

export interface Launched {
  name: string;
  pid: number;
  baseUrl: string;
  /** Spawn to the first correct 200 on the ready path. */
  startupMs: number;
  logFile: string;
  /** Resident memory now, from /proc; undefined where there is no /proc. */
  rssMb(): number | undefined;
  /** SIGTERM, then SIGKILL after a grace period. Resolves with the exit code (null if killed). */
  stop(): Promise<number | null>;
}

export async function launch(spec: LaunchSpec): Promise<Launched> {
  const { host, port, baseUrl } = await freeAddress();
  const [command, args] = pinnedCommand(spec.core, [spec.script]);
  const { child, pid, readyMs, exited } = await spawnServer({
    command,
    args,
    cwd: spec.cwd,
    env: { ...baseEnvironment(), ...spec.env, HOST: host, PORT: String(port) },
    logFile: spec.logFile,
    readyUrl: `${baseUrl}${spec.readyPath}`,
    pollMs: READY_POLL_MS,
    timeoutMs: READY_TIMEOUT_MS,
  }).catch((error: unknown) => {
    throw new Error(`${spec.name}: ${(error as Error).message}`, { cause: error });
  });
  return {
    name: spec.name,
    pid,
    baseUrl,
    startupMs: readyMs,
    logFile: spec.logFile,
    rssMb: () => readRssMb(pid),
    stop: () => stop(child, exited),
  };
}

async function stop(child: ChildProcess, exited: Promise<ExitResult>): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  try {
    return (await exited).exitCode;
  } finally {
    clearTimeout(timer);
  }
}

/** VmRSS of a process in MB (10^6 bytes), or undefined if it cannot be read. */
function readRssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : (Number(kb) * 1024) / 1e6;
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the highest value seen. */
export function sampleRss(
  read: () => number | undefined,
  everyMs = 50,
): { stop(): number | undefined } {
  let peak: number | undefined;
  const take = () => {
    const value = read();
    if (value !== undefined && (peak === undefined || value > peak)) peak = value;
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}
