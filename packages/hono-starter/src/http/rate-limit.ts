import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import type { Redis } from 'ioredis';
import type { Config } from '@rosetta/runtime';
import { failures } from '@rosetta/shared-contract';
import { clientIp } from './client-ip.js';
import { problemResponse } from './problem.js';
import { redisStore } from './rate-limit-store.js';

/**
 * One limiter for the credential endpoints: give the same instance to login and register so they
 * share a bucket per client IP, and guessing passwords cannot dodge the limit by alternating routes.
 * The key is the client's address as `trustProxy` reveals it (`client-ip.ts`), so behind a trusted
 * proxy each client counts separately.
 *
 * With `redis` the counters live in Redis, so every instance behind a load balancer spends the same
 * budget; without it, in this process's memory. While Redis is unreachable the counters fall back to
 * this process's memory (`rate-limit-store.ts`): the limit holds per instance rather than switching
 * off, and a cache outage turns into neither a lock-out nor a 5xx.
 */
export function authRateLimit(
  { max, windowSeconds }: Config['authRateLimit'],
  trustProxy: Config['trustProxy'],
  redis?: Redis,
): MiddlewareHandler {
  const ipOf = clientIp(trustProxy);
  return rateLimiter({
    windowMs: windowSeconds * 1000,
    limit: max,
    // RateLimit-Limit / -Remaining / -Reset / -Policy: the IETF draft 6 headers the contract documents.
    standardHeaders: 'draft-6',
    keyGenerator: (c) => bucketOf(ipOf(c)),
    ...(redis && { store: redisStore(redis) }),
    // Retry-After (in seconds) and the RateLimit-* headers are already set when the handler runs.
    handler: (c) => problemResponse(c, ...failures.rateLimited),
  });
}

/**
 * What express-rate-limit keys by default, and hono-rate-limiter leaves to us: an IPv4-mapped address
 * counts as its IPv4 address, and an IPv6 address as its /56 network, since one subscriber usually
 * holds at least that many addresses and could otherwise rotate through them.
 */
function bucketOf(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  const [a = 0, b = 0, c = 0, d = 0] = ipv6Words(ip);
  return `${[a, b, c, d & 0xff00].map((word) => word.toString(16)).join(':')}::/56`;
}

/** The eight 16-bit words of a valid IPv6 address. */
function ipv6Words(ip: string): number[] {
  const address = ip
    .replace(/%.*$/, '') // a zone id (fe80::1%eth0) is not part of the address
    .replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (...octets: string[]) => {
      const [a, b, c, d] = octets.slice(1, 5).map(Number) as [number, number, number, number];
      return `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
    });
  const parse = (part = '') => (part === '' ? [] : part.split(':').map((w) => parseInt(w, 16)));
  const [head, tail] = address.split('::');
  if (tail === undefined) return parse(head);
  const [left, right] = [parse(head), parse(tail)];
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}
