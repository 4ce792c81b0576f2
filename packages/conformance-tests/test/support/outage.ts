import { afterAll, beforeAll } from 'vitest';
import { sleep, type BootedServer } from '../../src/boot.js';
import type { ApiClient, ApiResponse } from '../../src/client.js';
import { TcpProxy, throughProxy, urlEndpoint } from '../../src/proxy.js';
import { bootInstance, instanceClient, ownDatabase, type OwnDatabase } from './instance.js';

export const RECOVERY_TIMEOUT_MS = 20_000;
/**
 * How long one call may take while the database is cut. Generous on purpose: this catches a request
 * that hangs until some far-off pool or socket timeout, not one that is merely slow on a busy machine.
 */
export const CALL_BOUND_MS = 15_000;

export interface OutageInstance {
  server: BootedServer;
  proxy: TcpProxy;
  /** A new client (its own IP, so the auth rate limit stays out of the way) on this instance. */
  client(token?: string): ApiClient;
}

/**
 * A second instance of the target for the calling file, on its own database reached through a proxy
 * the test can cut. Only a target the harness boots can be put behind one: gate the file with
 * `describe.runIf(capabilities.bootable)`.
 */
export function useOutageInstance(label: string): { readonly current: OutageInstance } {
  let own: OwnDatabase | undefined;
  let instance: OutageInstance | undefined;

  beforeAll(async () => {
    own = await ownDatabase(label);
    const proxy = new TcpProxy(urlEndpoint(own.database.url));
    const port = await proxy.listen();
    const server = await bootInstance(throughProxy(own.database.url, port), label);
    instance = {
      server,
      proxy,
      client: (token) => instanceClient(server.baseUrl, { token }),
    };
  }, 90_000);

  afterAll(async () => {
    instance?.proxy.restore();
    await instance?.server.stop();
    await instance?.proxy.close();
    await own?.release();
  }, 30_000);

  return {
    get current() {
      if (!instance) throw new Error('The outage instance is not ready yet');
      return instance;
    },
  };
}

/** Polls `path` until it answers `status` or the recovery timeout ends; returns the last response. */
export async function eventually(api: ApiClient, path: string, status: number) {
  const deadline = Date.now() + RECOVERY_TIMEOUT_MS;
  let res = await api.get(path);
  while (res.status !== status && Date.now() < deadline) {
    await sleep(250);
    res = await api.get(path);
  }
  return res;
}

/**
 * The call's response and how long it took, or a failure naming the call if it took longer than
 * CALL_BOUND_MS: a hang must fail the test, not the test's timeout.
 */
export async function bounded(
  what: string,
  call: () => Promise<ApiResponse>,
): Promise<{ res: ApiResponse; ms: number }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${CALL_BOUND_MS} ms`)),
      CALL_BOUND_MS,
    );
  });
  try {
    const res = await Promise.race([call(), timeout]);
    return { res, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}
