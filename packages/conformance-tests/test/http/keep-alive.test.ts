import { describe, expect, it } from 'vitest';
import { randomIp } from '../../src/client.js';
import { ctx } from '../support/context.js';
import { keepAliveExchange } from '../support/raw-http.js';

/** A request with a body to /auth/login, as raw HTTP/1.1 on a keep-alive connection. */
function login(contentType: string, body: string): string {
  return (
    `POST /auth/login HTTP/1.1\r\nHost: conformance.test\r\nX-Forwarded-For: ${randomIp()}\r\n` +
    `Content-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

const health = 'GET /health HTTP/1.1\r\nHost: conformance.test\r\n\r\n';

// A client reuses a connection unless told not to: after an error answered early, before or without
// reading the body, the server must either read past that body or say `Connection: close` and close.
// Anything else makes the client's next request on that connection fail (or be read from the body).
describe('a keep-alive connection after an early error answer', () => {
  it.each([
    ['400 malformed JSON', 400, login('application/json', '{"email": "a@b.test", "password": ')],
    ['415 an unsupported media type', 415, login('text/plain', 'email=a@b.test&password=x')],
    [
      '413 a body over 100 kB',
      413,
      login(
        'application/json',
        JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(200_000) }),
      ),
    ],
  ])('still serves the next request, or is closed cleanly, after %s', async (_, status, first) => {
    const outcome = await keepAliveExchange(ctx.baseUrl, first, health);
    expect(outcome.first.status).toBe(status);
    if (outcome.closed) return;
    expect(outcome.failure, 'the next request on the connection failed').toBeUndefined();
    expect(outcome.second?.status).toBe(200);
    expect(JSON.parse(outcome.second!.body)).toEqual({ status: 'ok' });
  });

  // Node stops reading at its header limit, so it can only close. HAProxy in front has read the
  // request whole (deploy/haproxy passes 64 KiB on): its own connection with the client is sound.
  it('is closed with Connection: close after a 431 (headers too large), or behind HAProxy kept usable', async () => {
    const outcome = await keepAliveExchange(
      ctx.baseUrl,
      `GET /health HTTP/1.1\r\nHost: conformance.test\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`,
      health,
    );
    expect(outcome.first.statusLine).toMatch(/^HTTP\/1\.1 431 /);
    if (ctx.balancer?.kind !== 'haproxy') {
      expect(outcome.first.headers.get('connection')).toBe('close');
      expect(outcome.closed).toBe(true);
    } else if (!outcome.closed) {
      expect(outcome.failure, 'the next request on the connection failed').toBeUndefined();
      expect(outcome.second?.status).toBe(200);
    }
  });
});
