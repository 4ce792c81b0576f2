import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BootedServer } from '../../src/boot.js';
import { recordFigures } from '../../src/figures.js';
import { capabilities, ctx } from '../support/context.js';
import {
  bootInstance,
  instanceClient,
  ownDatabase,
  type OwnDatabase,
} from '../support/instance.js';
import { expectRawProblem } from '../support/raw-http.js';
import { slowClient } from '../support/slow-client.js';
import { randomPassword, uniqueEmail } from '../support/api.js';

const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;
/**
 * Longer than Node's default (5 s, so closed after 6 s): a server that does not apply the setting
 * advertises the wrong timeout and closes too early, failing the lower bound, which slowness never
 * trips. The upper bound then only has to catch a connection that is never closed, so it can be generous.
 */
const KEEP_ALIVE_TIMEOUT_MS = 10_000;
/** The starters check for expired requests every quarter of the shortest timeout (see domain Config). */
const CHECK_INTERVAL_MS = HEADERS_TIMEOUT_MS / 4;
/** Node keeps an idle socket this much past the Keep-Alive it advertises (keepAliveTimeoutBuffer). */
const NODE_KEEP_ALIVE_BUFFER_MS = 1_000;
/**
 * Room for a busy 2-core machine between the server's deadline and our noticing the close (seen: under
 * 0.2 s with one core busy and the rest of the suite running). Generous, since what the bounds catch
 * is a timeout not applied at all, which leaves the connection open for Node's 60 s or 300 s.
 */
const SLACK_MS = 10_000;
/** Slow enough that a request never completes in any bound below: one byte per 100 ms. */
const DRIP_MS = 100;
/** Past every bound below; each test may take 60 s, past this. */
const GIVE_UP_MS = 30_000;

/** A timed-out request is answered, if at all, as a 408 problem like every other error. */
function expectTimeoutProblem(response: string): void {
  expectRawProblem(response, 408, 'request_timeout');
}

/**
 * A second instance of the target with short timeouts, so slow clients are cut off in seconds. Each
 * bound is the configured timeout plus one checking interval plus slack: a timeout that is not applied
 * at all leaves the connection open until Node's defaults (60 s, 300 s), far past it.
 */
describe.runIf(capabilities.bootable)('server timeouts', () => {
  let own: OwnDatabase;
  let server: BootedServer;
  const request = (head: string) =>
    `${head}\r\nHost: 127.0.0.1\r\nX-Forwarded-For: 203.0.113.${Math.floor(Math.random() * 250)}\r\n`;

  beforeAll(async () => {
    own = await ownDatabase('timeouts');
    server = await bootInstance(own.database.url, 'timeouts', {
      HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      HTTP_KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_TIMEOUT_MS),
    });
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await own?.release();
  }, 30_000);

  it('cuts off a client that sends its request headers one byte at a time', async () => {
    const result = await slowClient(server.baseUrl, {
      head: request('GET /health HTTP/1.1') + 'X-Slow: ',
      drip: 'slowloris',
      intervalMs: DRIP_MS,
      giveUpMs: GIVE_UP_MS,
    });
    recordFigures(ctx.runDir, 'server-timeouts', {
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      slowHeadersCutAfterMs: result.afterMs,
    });
    expect(result.cut, `the connection was still open after ${GIVE_UP_MS / 1000} s`).toBe(true);
    expect(result.afterMs).toBeLessThanOrEqual(HEADERS_TIMEOUT_MS + CHECK_INTERVAL_MS + SLACK_MS);
    expect(result.dripped, 'the client was still sending when it was cut').toBeGreaterThan(0);
    expectTimeoutProblem(result.response);
  }, 60_000);

  it('cuts off a client that connects and never sends a byte', async () => {
    const result = await slowClient(server.baseUrl, {
      head: '',
      drip: '',
      intervalMs: DRIP_MS,
      giveUpMs: GIVE_UP_MS,
    });
    recordFigures(ctx.runDir, 'server-timeouts', { silentClientCutAfterMs: result.afterMs });
    expect(result.cut, `the connection was still open after ${GIVE_UP_MS / 1000} s`).toBe(true);
    expect(result.afterMs).toBeLessThanOrEqual(HEADERS_TIMEOUT_MS + CHECK_INTERVAL_MS + SLACK_MS);
    // Node may close a connection that never sent a byte without a word; if it answers, a problem.
    if (result.response !== '') expectTimeoutProblem(result.response);
  }, 60_000);

  it('cuts off a client that sends its headers and then dribbles the body past the request timeout', async () => {
    const result = await slowClient(server.baseUrl, {
      head:
        request('POST /auth/login HTTP/1.1') +
        'Content-Type: application/json\r\nContent-Length: 2000\r\n\r\n{"email":"',
      drip: 'slowloris',
      intervalMs: DRIP_MS,
      giveUpMs: GIVE_UP_MS,
    });
    recordFigures(ctx.runDir, 'server-timeouts', {
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      slowBodyCutAfterMs: result.afterMs,
    });
    expect(result.cut, `the connection was still open after ${GIVE_UP_MS / 1000} s`).toBe(true);
    expect(result.afterMs).toBeLessThanOrEqual(REQUEST_TIMEOUT_MS + CHECK_INTERVAL_MS + SLACK_MS);
    expect(result.dripped, 'the client was still sending when it was cut').toBeGreaterThan(0);
    // A 408 problem, never the login's answer to a body it never received in full.
    expectTimeoutProblem(result.response);
  }, 60_000);

  it('closes an idle keep-alive connection after the keep-alive timeout, not before', async () => {
    const result = await slowClient(server.baseUrl, {
      head: request('GET /health HTTP/1.1') + '\r\n',
      drip: '',
      intervalMs: DRIP_MS,
      giveUpMs: GIVE_UP_MS,
    });
    recordFigures(ctx.runDir, 'server-timeouts', {
      keepAliveTimeoutMs: KEEP_ALIVE_TIMEOUT_MS,
      idleKeepAliveClosedAfterMs: result.afterMs,
    });
    expect(result.response).toMatch(/^HTTP\/1\.1 200 /);
    // Node advertises the timeout in whole seconds.
    expect(result.response).toMatch(
      new RegExp(`\r\nkeep-alive: timeout=${Math.floor(KEEP_ALIVE_TIMEOUT_MS / 1000)}\r\n`, 'i'),
    );
    expect(result.cut, `the idle connection was still open after ${GIVE_UP_MS / 1000} s`).toBe(
      true,
    );
    expect(result.afterMs).toBeGreaterThanOrEqual(KEEP_ALIVE_TIMEOUT_MS);
    expect(result.afterMs).toBeLessThanOrEqual(
      KEEP_ALIVE_TIMEOUT_MS + NODE_KEEP_ALIVE_BUFFER_MS + SLACK_MS,
    );
  }, 60_000);

  it('still serves ordinary requests, bodies included, with those timeouts', async () => {
    const api = instanceClient(server.baseUrl);
    expect((await api.get('/health')).status).toBe(200);
    const registered = await api.post('/auth/register', {
      json: { email: uniqueEmail('timeouts'), password: randomPassword(), name: 'Patient' },
    });
    expect(registered.status).toBe(201);
  }, 60_000);
});
