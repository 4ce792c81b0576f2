import { describe, expect, it } from 'vitest';
import { proxyTrust } from '../src/index.js';

describe('proxyTrust', () => {
  it('trusts no proxy when TRUST_PROXY is false', () => {
    const trusts = proxyTrust(false);
    expect(trusts('127.0.0.1', 0)).toBe(false);
  });

  it('trusts the nearest hops for a hop count, whatever their address', () => {
    const trusts = proxyTrust(2);
    expect([0, 1, 2].map((hop) => trusts('203.0.113.9', hop))).toEqual([true, true, false]);
  });

  it('trusts the addresses a list names: names, single addresses and CIDR ranges, both families', () => {
    const trusts = proxyTrust('loopback, 10.0.0.0/8, 2001:db8::/32, 192.0.2.7');
    for (const trusted of [
      '127.0.0.1',
      '127.9.9.9',
      '::1',
      '10.1.2.3',
      '2001:db8::5',
      '192.0.2.7',
    ]) {
      expect(trusts(trusted, 0), trusted).toBe(true);
    }
    for (const untrusted of ['192.0.2.8', '11.0.0.1', '2001:db9::1', 'fe80::1', 'not-an-ip', '']) {
      expect(trusts(untrusted, 0), untrusted).toBe(false);
    }
  });

  it('matches an IPv4-mapped IPv6 peer against IPv4 ranges, as a dual-stack socket reports it', () => {
    expect(proxyTrust('loopback')('::ffff:127.0.0.1', 0)).toBe(true);
    expect(proxyTrust('10.0.0.0/8')('::ffff:192.0.2.1', 0)).toBe(false);
  });

  it('knows the link-local and unique-local ranges by name', () => {
    const trusts = proxyTrust('linklocal,uniquelocal');
    for (const address of ['169.254.1.1', 'fe80::1', '172.16.0.1', '192.168.1.1', 'fd00::1']) {
      expect(trusts(address, 0), address).toBe(true);
    }
    expect(trusts('172.32.0.1', 0)).toBe(false);
  });
});
