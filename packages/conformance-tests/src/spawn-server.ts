import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { dirname } from 'node:path';

/**
 * Starting a server process and waiting until it is ready: one way for the conformance harness and
 * the bench, which differ only in what they run (a starter, a reference, under `taskset` or not),
 * how often they look (the bench times cold start to a few milliseconds) and how they stop it.
 */

export interface SpawnSpec {
  /** What to run: usually `process.execPath` and a script; the bench puts `taskset -c N` first. */
  command: string;
  args: string[];
  cwd: string;
  /** The whole environment: start from {@link baseEnvironment}, so nothing of the caller's leaks in. */
  env: Record<string, string>;
  /** Where stdout and stderr go (a file, not a pipe: a pipe nobody reads fills and blocks a server). */
  logFile: string;
  /** Polled until it answers 200 with a JSON body whose `status` is `ok`. */
  readyUrl: string;
  /** Between polls. */
  pollMs: number;
  /** How long start-up may take before the process is killed and the spawn fails. */
  timeoutMs: number;
}

export interface ExitResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** From the spawn to the exit. */
  durationMs: number;
}

export interface SpawnedServer {
  child: ChildProcess;
  pid: number;
  /** `performance.now()` at the spawn. */
  startedAt: number;
  /** From the spawn to the first ready answer. */
  readyMs: number;
  exited: Promise<ExitResult>;
}

/** Only what a process needs to run: nothing from the caller's own environment leaks in. */
export function baseEnvironment(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT'];
  return Object.fromEntries(
    keep.flatMap((key) => (process.env[key] ? [[key, process.env[key]!]] : [])),
  );
}

/**
 * Spawns `spec.command` and resolves once `spec.readyUrl` is ready. Throws, with the end of the log,
 * if the process exits first or is not ready within `spec.timeoutMs` (then it is killed).
 */
export async function spawnServer(spec: SpawnSpec): Promise<SpawnedServer> {
  mkdirSync(dirname(spec.logFile), { recursive: true });
  const log = openSync(spec.logFile, 'a');
  const startedAt = performance.now();
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  let exit: ExitResult | undefined;
  const exited = new Promise<ExitResult>((resolve) => {
    const done = (exitCode: number | null, signal: NodeJS.Signals | null) =>
      resolve((exit = { exitCode, signal, durationMs: performance.now() - startedAt }));
    child.once('exit', done);
    child.once('error', () => done(null, null));
  });

  const deadline = startedAt + spec.timeoutMs;
  let last = 'no answer';
  while (performance.now() < deadline) {
    if (exit) {
      throw new Error(
        `The server exited during start-up (code ${exit.exitCode}, signal ${exit.signal}).\n` +
          `--- ${spec.logFile} ---\n${tail(spec.logFile)}`,
      );
    }
    const answer = await probe(spec.readyUrl);
    if (answer.ok) {
      return { child, pid: child.pid!, startedAt, readyMs: performance.now() - startedAt, exited };
    }
    last = answer.reason;
    await sleep(spec.pollMs);
  }
  child.kill('SIGKILL');
  await exited;
  throw new Error(
    `${spec.readyUrl} did not answer 200 within ${spec.timeoutMs / 1000} s (${last}).\n` +
      `--- ${spec.logFile} ---\n${tail(spec.logFile)}`,
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

/** Where a server may be told to listen: nothing listens there now. */
export interface FreeAddress {
  host: string;
  port: number;
  /** `http://host:port`. */
  baseUrl: string;
}

/**
 * A loopback address and port for a server that is yet to start, chosen so that no other process is
 * handed it before the server binds it. A port from `listen(0)` is free only until it is closed
 * again: any process asking the OS for a port in the seconds a server takes to start may be given
 * the same one, and the ready probe then reaches that process (it happened: a Nest instance still
 * booting, its probe answered by another test's server). So the port lies below the OS's ephemeral
 * range, which `listen(0)` never hands out, and on Linux, where every address in 127.0.0.0/8 is
 * local, the host is a random one of them, so two servers this harness starts at once cannot
 * choose the same pair either. Elsewhere the host is 127.0.0.1, and that last, small chance stays.
 */
export async function freeAddress(): Promise<FreeAddress> {
  const below = ephemeralFloor();
  for (let attempt = 1; ; attempt++) {
    const host = process.platform === 'linux' ? randomLoopbackHost() : '127.0.0.1';
    const port = MIN_PORT + randomInt(below - MIN_PORT);
    if (await canListen(host, port)) return { host, port, baseUrl: `http://${host}:${port}` };
    if (attempt === 100) throw new Error(`No free port below ${below} on loopback.`);
  }
}

/** Low enough to leave the ports of the usual services alone; a taken one is skipped anyway. */
const MIN_PORT = 20_000;

/** The first port the OS hands out for `listen(0)`: Linux says; 32768 is below every default. */
function ephemeralFloor(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/);
    const floor = Number(low);
    return Number.isInteger(floor) && floor > MIN_PORT + 1_000 ? floor : 32_768;
  } catch {
    return 32_768;
  }
}

function randomLoopbackHost(): string {
  return `127.${1 + randomInt(254)}.${randomInt(256)}.${1 + randomInt(254)}`;
}

function canListen(host: string, port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A loopback port nothing listens on now, for a test that wants a refused connection. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The last lines of a log, for error messages. */
export function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
