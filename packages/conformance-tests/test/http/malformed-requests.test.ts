import { describe, it } from 'vitest';
import { ctx } from '../support/context.js';
import { expectRawProblem, rawExchange } from '../support/raw-http.js';

/**
 * Requests the HTTP parser rejects before any framework sees them: they too get a problem, not Node's
 * bare status line or a framework's own JSON. Behind the harness's balancer (`--instances`), the
 * balancer's own parser meets them first, as any reverse proxy's would, so there they are n/a.
 */
describe.runIf(ctx.instances === 1)('requests that are not valid HTTP', () => {
  it('answers a request line that is not HTTP with a 400 problem and closes the connection', async () => {
    const raw = await rawExchange(ctx.baseUrl, 'HELLO /health THERE\r\n\r\n');
    expectRawProblem(raw, 400, 'bad_request');
  });

  it('answers a header with a control character in its value with a 400 problem', async () => {
    const raw = await rawExchange(
      ctx.baseUrl,
      'GET /health HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0001b\r\n\r\n',
    );
    expectRawProblem(raw, 400, 'bad_request');
  });

  it('answers request headers larger than the server accepts with a 431 problem', async () => {
    // Node's default limit is 16 KiB. Just past it, not far past: the server reads the request in one
    // go, so it closes a socket with nothing unread, which would otherwise reset before the answer.
    const raw = await rawExchange(
      ctx.baseUrl,
      `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`,
    );
    expectRawProblem(raw, 431, 'request_header_fields_too_large');
  });
});
