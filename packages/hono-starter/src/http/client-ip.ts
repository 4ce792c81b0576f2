import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Config } from '@rosetta/domain';

/** The names Express's `trust proxy` (proxy-addr) accepts for address ranges. */
const NAMED_RANGES: Record<string, string[]> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/**
 * The client's address, computed as Express computes `req.ip` from its `trust proxy` setting. Express
 * has this built in; Hono sees a `Request`, which has no peer address, so the socket's comes from
 * `@hono/node-server` (`getConnInfo`) and the proxy rule lives here. Starting at the socket's peer,
 * each hop that `trustProxy` trusts hands over to the address it forwarded for (X-Forwarded-For,
 * read right to left); the first untrusted hop is the client.
 */
export function clientIp(trustProxy: Config['trustProxy']): (c: Context) => string {
  const trusts = compileTrust(trustProxy);
  return (c) => {
    const peer = getConnInfo(c).remote.address ?? '';
    const forwarded = (c.req.header('X-Forwarded-For') ?? '')
      .split(',')
      .map((hop) => hop.trim())
      .filter(Boolean);
    const hops = [peer, ...forwarded.reverse()];
    let client = 0;
    while (client < hops.length - 1 && trusts(hops[client]!, client)) client++;
    return hops[client]!;
  };
}

/** `false`, a hop count, or a comma-separated list of addresses, CIDR ranges and names. */
function compileTrust(trustProxy: Config['trustProxy']): (address: string, hop: number) => boolean {
  if (trustProxy === false) return () => false;
  if (typeof trustProxy === 'number') return (_address, hop) => hop < trustProxy;
  const ranges = new BlockList();
  for (const entry of trustProxy.split(',').map((e) => e.trim())) {
    for (const range of NAMED_RANGES[entry] ?? [entry]) {
      const [address = '', prefix] = range.split('/');
      const family = isIP(address);
      if (family === 0 || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) {
        throw new Error(
          `TRUST_PROXY: "${entry}" is not an IP address, a CIDR range, loopback, linklocal or uniquelocal`,
        );
      }
      const type = family === 4 ? 'ipv4' : 'ipv6';
      ranges.addSubnet(
        address,
        prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix),
        type,
      );
    }
  }
  // BlockList also matches IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) against IPv4 ranges.
  return (address) => {
    const family = isIP(address);
    return family !== 0 && ranges.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
}
