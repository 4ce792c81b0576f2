import { Hono } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import type { Config } from '@rosetta/runtime';
import { clientIp } from '../../src/http/client-ip.js';

/** The address `clientIp` sees for a request from `peer` carrying `forwardedFor`. */
async function ipOf(trustProxy: Config['trustProxy'], peer: string, forwardedFor?: string) {
  const ip = clientIp(trustProxy);
  const app = new Hono().get('/', (c) => c.text(ip(c)));
  const headers: Record<string, string> = forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {};
  const env = { incoming: { socket: { remoteAddress: peer } } } as unknown as HttpBindings;
  return (await app.request('/', { headers }, env)).text();
}

describe('clientIp (Express’s trust proxy)', () => {
  it('is the socket’s peer when no proxy is trusted', async () => {
    expect(await ipOf(false, '127.0.0.1', '203.0.113.1')).toBe('127.0.0.1');
  });

  it('trusts as many hops as a hop count says, and never past the first forwarded address', async () => {
    expect(await ipOf(1, '10.0.0.1', '203.0.113.1, 198.51.100.2')).toBe('198.51.100.2');
    expect(await ipOf(2, '10.0.0.1', '203.0.113.1, 198.51.100.2')).toBe('203.0.113.1');
    expect(await ipOf(5, '10.0.0.1', '203.0.113.1, 198.51.100.2')).toBe('203.0.113.1');
  });

  it('trusts named ranges and CIDRs, stopping at the first untrusted hop', async () => {
    expect(await ipOf('loopback', '127.0.0.1', '203.0.113.1')).toBe('203.0.113.1');
    expect(await ipOf('loopback', '::ffff:127.0.0.1', '203.0.113.1')).toBe('203.0.113.1');
    expect(await ipOf('loopback', '10.0.0.1', '203.0.113.1')).toBe('10.0.0.1');
    expect(await ipOf('loopback, 10.0.0.0/8', '127.0.0.1', '203.0.113.1, 10.1.2.3')).toBe(
      '203.0.113.1',
    );
    expect(await ipOf('uniquelocal', '192.168.1.1', '198.51.100.7, 203.0.113.1')).toBe(
      '203.0.113.1',
    );
  });
});
