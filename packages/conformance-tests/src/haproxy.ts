import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadBalancer } from './load-balancer.js';
import { baseEnvironment, freeAddress, sleep, spawnServer } from './spawn-server.js';

/**
 * HAProxy in front of two instances, started from the repository's own config
 * (`deploy/haproxy/haproxy.cfg`, the compose stack's proxy) with only what its environment variables
 * leave open set here: the loopback address it listens on, the two instances, and its admin socket.
 * So the suite meets what a deployment meets: HAProxy's parser, its timeouts, its health checks on
 * `/health/ready`, its `X-Forwarded-For` and `X-Request-Id`.
 */

/** The config names its two servers; the admin socket addresses them by these. */
const SERVERS = ['app1', 'app2'] as const;
const BACKEND = 'app';
const READY_TIMEOUT_MS = 60_000;
const POLL_MS = 100;

/** The version of the `haproxy` on PATH (Debian's package, or any), or undefined if none runs. */
export function haproxyVersion(): string | undefined {
  const run = spawnSync('haproxy', ['-v'], { encoding: 'utf8' });
  return run.status === 0 ? /version (\d+\.\d+\.\d+)/i.exec(run.stdout)?.[1] : undefined;
}

/** A server's state as the admin socket's `show stat` gives it: UP, DOWN, MAINT, DRAIN, NOLB… */
export type ServerStatus = string;

export class Haproxy implements LoadBalancer {
  readonly info: { kind: 'haproxy'; version: string };
  readonly #upstreams: URL[];
  readonly #configFile: string;
  readonly #logFile: string;
  #socketDir: string | undefined;
  #child: ChildProcess | undefined;
  #exited: Promise<unknown> | undefined;

  constructor(upstreams: string[], options: { configFile: string; logFile: string }) {
    if (upstreams.length !== SERVERS.length) {
      throw new Error(`HAProxy's config has ${SERVERS.length} servers, not ${upstreams.length}.`);
    }
    this.#upstreams = upstreams.map((u) => new URL(u));
    this.#configFile = options.configFile;
    this.#logFile = options.logFile;
    const version = haproxyVersion();
    if (!version) throw new Error('No haproxy runs here (install it: apt-get install haproxy).');
    this.info = { kind: 'haproxy', version };
  }

  /** Starts HAProxy, waits until its health checks find both instances up; returns its base URL. */
  async listen(): Promise<string> {
    const { host, port, baseUrl } = await freeAddress();
    // A Unix socket's path is limited to about 100 bytes: a short folder of its own, not the run's.
    this.#socketDir = mkdtempSync(join(tmpdir(), 'haproxy-'));
    const spawned = await spawnServer({
      command: 'haproxy',
      // -db: in the foreground, logging to stdout, so the harness owns the process and its log.
      args: ['-db', '-f', this.#configFile],
      cwd: this.#socketDir,
      env: {
        ...baseEnvironment(),
        HAPROXY_BIND: `${host}:${port}`,
        HAPROXY_APP1: this.#upstreams[0]!.host,
        HAPROXY_APP2: this.#upstreams[1]!.host,
        HAPROXY_ADMIN_SOCKET: this.#socket,
      },
      logFile: this.#logFile,
      // Answered by an instance once HAProxy has found one ready.
      readyUrl: `${baseUrl}/health/ready`,
      pollMs: POLL_MS,
      timeoutMs: READY_TIMEOUT_MS,
    });
    this.#child = spawned.child;
    this.#exited = spawned.exited;
    for (let i = 0; i < SERVERS.length; i++) await this.waitForStatus(i, 'UP');
    return baseUrl;
  }

  /** Requests each instance was sent, in the order given (health checks not counted). */
  async requestsPerInstance(): Promise<number[]> {
    const rows = await this.#stats();
    return SERVERS.map((name) => Number(rows.get(name)?.stot ?? 0));
  }

  async status(index: number): Promise<ServerStatus> {
    return (await this.#stats()).get(SERVERS[index]!)?.status ?? 'unknown';
  }

  /** Waits until the health checks report the instance in `status`; throws after a minute. */
  async waitForStatus(index: number, status: 'UP' | 'DOWN'): Promise<void> {
    const deadline = performance.now() + READY_TIMEOUT_MS;
    let last = '';
    while (performance.now() < deadline) {
      last = await this.status(index);
      // "UP 1/2" while a check is still counting towards `rise` or `fall`.
      if (last === status) return;
      await sleep(POLL_MS);
    }
    throw new Error(`HAProxy reports ${SERVERS[index]} ${last}, not ${status}, after a minute.`);
  }

  /**
   * What an operator does before restarting an instance: `drain` sends it no new requests (those in
   * flight finish), `ready` takes it back.
   */
  async setState(index: number, state: 'ready' | 'drain' | 'maint'): Promise<void> {
    const answer = await this.#command(`set server ${BACKEND}/${SERVERS[index]} state ${state}`);
    if (answer.trim() !== '') throw new Error(`HAProxy refused the state ${state}: ${answer}`);
  }

  /**
   * Points the instance's slot at another address: a replacement comes up at an address of its own,
   * as a new container does (in compose, HAProxy finds it through Docker's DNS).
   */
  async setAddress(index: number, url: string): Promise<void> {
    const { hostname, port } = new URL(url);
    const answer = await this.#command(
      `set server ${BACKEND}/${SERVERS[index]} addr ${hostname} port ${port}`,
    );
    if (!/changed|no need to change/i.test(answer)) {
      throw new Error(`HAProxy refused the address ${hostname}:${port}: ${answer}`);
    }
  }

  /** Requests in progress on the instance, which a drain waits for. */
  async currentRequests(index: number): Promise<number> {
    return Number((await this.#stats()).get(SERVERS[index]!)?.scur ?? 0);
  }

  async close(): Promise<void> {
    if (this.#child && this.#child.exitCode === null && this.#child.signalCode === null) {
      // SIGUSR1 would wait for every connection to end; the run is over, so stop now.
      this.#child.kill('SIGTERM');
    }
    await this.#exited;
    if (this.#socketDir) rmSync(this.#socketDir, { recursive: true, force: true });
  }

  get #socket(): string {
    return join(this.#socketDir!, 'admin.sock');
  }

  /** `show stat` as rows by server name, each a column → value map (its CSV header names them). */
  async #stats(): Promise<Map<string, Record<string, string>>> {
    const [header, ...lines] = (await this.#command('show stat')).trim().split('\n');
    const columns = header!.replace(/^# /, '').split(',');
    const rows = new Map<string, Record<string, string>>();
    for (const line of lines) {
      const values = line.split(',');
      const row = Object.fromEntries(columns.map((c, i) => [c, values[i] ?? '']));
      if (row.pxname === BACKEND) rows.set(row.svname!, row);
    }
    return rows;
  }

  /** One command on the admin socket; HAProxy answers and closes. */
  #command(command: string): Promise<string> {
    return new Promise((resolve, reject) => {
      if (!existsSync(this.#socket)) {
        reject(new Error(`HAProxy's admin socket ${this.#socket} is not there.`));
        return;
      }
      const socket = connect(this.#socket);
      let answer = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (answer += chunk));
      socket.on('error', reject);
      socket.on('end', () => resolve(answer));
      socket.end(`${command}\n`);
    });
  }
}
