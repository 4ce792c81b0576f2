import { describe, expect, it } from 'vitest';
import type { ProblemCode } from '@rosetta/shared-contract';
import { ctx } from '../support/context.js';
import { expectProblemResponse, keepAliveExchange } from '../support/raw-http.js';

const health = 'GET /health HTTP/1.1\r\nHost: conformance.test\r\n\r\n';
const behindHaproxy = ctx.balancer?.kind === 'haproxy';

/** Whether the HAProxy in front is `major.minor` or later. */
function haproxyAtLeast(major: number, minor: number): boolean {
  if (ctx.balancer?.kind !== 'haproxy') return false;
  const [a = 0, b = 0] = ctx.balancer.version.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

/**
 * Sends `bytes` and checks the answer is the contract's problem. A server must then close the
 * connection: it cannot tell where a next request would start. HAProxy in front parses the request
 * itself: one it could not parse it refuses and closes as a server would; one it could, which the
 * server then refused, leaves HAProxy's own connection with the client sound, so it may keep it open,
 * and then the next request on it must be served.
 */
async function expectRefused(bytes: string, status: number, code: ProblemCode) {
  const outcome = await keepAliveExchange(ctx.baseUrl, bytes, health);
  expectProblemResponse(outcome.first, status, code);
  if (!behindHaproxy) expect(outcome.closed, 'the connection was not closed').toBe(true);
  if (!outcome.closed) {
    expect(outcome.failure, 'the next request on the connection failed').toBeUndefined();
    expect(outcome.second?.status).toBe(200);
  }
  return outcome;
}

/**
 * Requests the HTTP parser rejects before any framework sees them: they too get a problem, not Node's
 * bare status line or a framework's own JSON. Behind a proxy (`--instances`) its parser meets them
 * first. HAProxy, configured as a deployment is (deploy/haproxy), answers with the same problems and
 * passes header blocks up to 64 KiB on to the server's own limit. The harness's own balancer is
 * Node's parser again, answering for itself, so behind it these are n/a.
 */
describe.runIf(ctx.instances === 1 || behindHaproxy)('requests that are not valid HTTP', () => {
  // HAProxy before 3.2 answers a request it cannot parse with its built-in HTML page whatever
  // `errorfile 400` says (haproxy/haproxy#3032, fixed in 3.2): n/a behind those.
  it.runIf(!behindHaproxy || haproxyAtLeast(3, 2))(
    'answers a request line that is not HTTP with a 400 problem and closes the connection',
    async () => {
      const outcome = await expectRefused('HELLO /health THERE\r\n\r\n', 400, 'bad_request');
      expect(outcome.closed, 'the connection was not closed').toBe(true);
    },
  );

  it('answers a header with a control character in its value with a 400 problem', async () => {
    await expectRefused(
      'GET /health HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n',
      400,
      'bad_request',
    );
  });

  it('answers request headers larger than the server accepts with a 431 problem', async () => {
    // Node's default limit is 16 KiB. Just past it, not far past: the server reads the request in one
    // go, so it closes a socket with nothing unread, which would otherwise reset before the answer.
    await expectRefused(
      `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`,
      431,
      'request_header_fields_too_large',
    );
  });
});
