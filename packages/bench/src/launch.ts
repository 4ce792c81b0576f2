import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { freePort, sleep, tail } from '@rosetta/conformance-tests/boot';

/**
 * Starting and stopping the processes under test. The conformance harness's `bootStarter` does the same
 * for starters, but the bench needs three things it does not do: pin the process to a core from its
 * first instruction (`taskset -c 0 node …`), time readiness to a few milliseconds (cold start) rather
 * than to its 100 ms poll, and start scripts that are not starters (the references). So this module
 * launches; the harness's helpers (free ports, log tails) are reused.
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

/** Only what a process needs to run: nothing from the bench's own environment leaks in. */
function baseEnvironment(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG'];
  return Object.fromEntries(
    keep.flatMap((key) => (process.env[key] ? [[key, process.env[key]!]] : [])),
  );
}

export async function launch(spec: LaunchSpec): Promise<Launched> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  mkdirSync(dirname(spec.logFile), { recursive: true });
  // Output goes to a file: a pipe nobody reads would fill and block a server that logs every request.
  const log = openSync(spec.logFile, 'a');
  const [command, args] = pinnedCommand(spec.core, [spec.script]);
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: spec.cwd,
    env: { ...baseEnvironment(), ...spec.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));

  const deadline = started + READY_TIMEOUT_MS;
  let last = 'no answer';
  while (performance.now() < deadline) {
    if (exitedEarly) {
      throw new Error(
        `${spec.name} exited during start-up.\n--- ${spec.logFile} ---\n${tail(spec.logFile)}`,
      );
    }
    const answer = await probe(`${baseUrl}${spec.readyPath}`);
    if (answer.ok) {
      const startupMs = performance.now() - started;
      return {
        name: spec.name,
        pid: child.pid!,
        baseUrl,
        startupMs,
        logFile: spec.logFile,
        rssMb: () => readRssMb(child.pid!),
        stop: () => stop(child, exited),
      };
    }
    last = answer.reason;
    await sleep(READY_POLL_MS);
  }
  child.kill('SIGKILL');
  await exited;
  throw new Error(
    `${spec.name}: ${baseUrl}${spec.readyPath} did not answer 200 within ${READY_TIMEOUT_MS / 1000} s (${last}).\n${tail(spec.logFile)}`,
  );
}

/** One GET without keep-alive; ok only for a 200 whose JSON body says `status: ok`. */
function probe(url: string): Promise<{ ok: boolean; reason: string }> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, timeout: 2_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) {
          resolve({ ok: false, reason: `status ${res.statusCode}` });
          return;
        }
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { status?: unknown };
          resolve(
            body.status === 'ok'
              ? { ok: true, reason: '' }
              : { ok: false, reason: 'status is not ok' },
          );
        } catch {
          resolve({ ok: false, reason: 'body is not JSON' });
        }
      });
      res.on('error', (error) => resolve({ ok: false, reason: error.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (error) => resolve({ ok: false, reason: error.message }));
    req.end();
  });
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** VmRSS of a process in MB (10^6 bytes), or undefined if it cannot be read. */
export function readRssMb(pid: number): number | undefined {
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
