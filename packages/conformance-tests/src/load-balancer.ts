import { Balancer } from './balancer.js';
import { Haproxy, haproxyVersion } from './haproxy.js';
import type { Balancer as BalancerInfo } from './results.js';
import { haproxyConfig } from './targets.js';

export interface LoadBalancer {
  /** Which, for the results and for tests whose answers depend on it. */
  readonly info: BalancerInfo;
  /** Starts it in front of the instances; resolves with the URL clients use. */
  listen(): Promise<string>;
  /** Requests each instance was sent, in the order given. */
  requestsPerInstance(): Promise<number[]>;
  close(): Promise<void>;
}

/**
 * What a deployment puts in front of two instances, HAProxy with the compose stack's config, where
 * HAProxy is installed; otherwise, or for another number of instances, the harness's own balancer,
 * so the suite still runs on a machine without it.
 */
export function loadBalancer(upstreams: string[], logFile: string): LoadBalancer {
  if (upstreams.length === 2 && haproxyConfig && haproxyVersion()) {
    return new Haproxy(upstreams, { configFile: haproxyConfig, logFile });
  }
  return new Balancer(upstreams);
}
