import { BlockList, isIP } from 'node:net';

/**
 * `TRUST_PROXY`, read: `false` (trust no proxy), a hop count (trust that many proxies in front), or
 * the addresses and CIDR ranges of the proxies trusted, in the syntax of Express's `trust proxy`
 * setting (proxy-addr), which Express and Fastify read as they are.
 */
export type TrustProxy = false | number | string;

/** The names proxy-addr accepts for address ranges. */
const NAMED_RANGES: Record<string, string[]> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

interface Subnet {
  address: string;
  prefix: number;
  type: 'ipv4' | 'ipv6';
}

/**
 * The subnets a `TRUST_PROXY` list names, or the first entry that is none of a name, an address or a
 * CIDR range. The config check and {@link proxyTrust} both read the list through this, so what start-up
 * accepts is exactly what is trusted.
 */
function subnets(list: string): Subnet[] | { invalid: string } {
  const result: Subnet[] = [];
  for (const entry of list.split(',').map((e) => e.trim())) {
    for (const range of NAMED_RANGES[entry] ?? [entry]) {
      const [address = '', prefix, ...rest] = range.split('/');
      const family = isIP(address);
      const bits = family === 4 ? 32 : 128;
      const length = prefix === undefined ? bits : Number(prefix);
      const validPrefix =
        prefix === undefined || (/^\d{1,3}$/.test(prefix) && length <= bits && rest.length === 0);
      if (family === 0 || !validPrefix) return { invalid: entry };
      result.push({ address, prefix: length, type: family === 4 ? 'ipv4' : 'ipv6' });
    }
  }
  return result;
}

/** Reads `TRUST_PROXY`; a problem in the config's words when it names no proxy that can be trusted. */
export function parseTrustProxy(value: string): { value: TrustProxy } | { problem: string } {
  if (value === 'false') return { value: false };
  if (value === 'true') {
    return {
      problem:
        'TRUST_PROXY=true believes every X-Forwarded-For hop, so any client picks its own address ' +
        '(and rate-limit bucket): give the number of proxies in front instead (e.g. 1), or their ' +
        'addresses (e.g. loopback, 10.0.0.0/8)',
    };
  }
  if (/^\d+$/.test(value)) return { value: Number(value) };
  const parsed = subnets(value);
  if ('invalid' in parsed) {
    return {
      problem:
        `TRUST_PROXY: "${parsed.invalid}" is not a hop count, an IP address, a CIDR range, ` +
        'loopback, linklocal or uniquelocal',
    };
  }
  return { value };
}

/**
 * Whether the proxy at `address`, `hop` steps from this server (0 is the socket's peer), is trusted to
 * say whom it forwarded for: proxy-addr's rule, for platforms that take it as a function. Fastify reads
 * an address list as Express does, but a hop count differently (it trusts none), and Hono sees no
 * socket at all; a function means the same to both.
 */
export function proxyTrust(trustProxy: TrustProxy): (address: string, hop: number) => boolean {
  if (trustProxy === false) return () => false;
  if (typeof trustProxy === 'number') return (_address, hop) => hop < trustProxy;
  const parsed = subnets(trustProxy);
  if ('invalid' in parsed) throw new Error(`TRUST_PROXY: "${parsed.invalid}" is not a proxy`);
  const ranges = new BlockList();
  for (const { address, prefix, type } of parsed) ranges.addSubnet(address, prefix, type);
  // BlockList also matches IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) against IPv4 ranges.
  return (address) => {
    const family = isIP(address);
    return family !== 0 && ranges.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
}
