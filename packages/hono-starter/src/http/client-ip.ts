import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Config, proxyTrust } from '@rosetta/runtime';

/**
 * The client's address, computed as Express computes `req.ip` from its `trust proxy` setting. Hono
 * sees a `Request`, which has no peer address, so the socket's comes from `@hono/node-server`
 * (`getConnInfo`), and whom to trust from `proxyTrust`, TRUST_PROXY's rule. Starting at the
 * socket's peer, each hop that `trustProxy` trusts hands over to the address it forwarded for
 * (X-Forwarded-For, read right to left); the first untrusted hop is the client.
 */
export function clientIp(trustProxy: Config['trustProxy']): (c: Context) => string {
  const trusts = proxyTrust(trustProxy);
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
