import { describe, expect, it } from 'vitest';
import { capabilitiesOf, reliabilityProfiles, type ConformanceContext } from './context.js';

const starter: ConformanceContext = {
  target: 'express',
  kind: 'starter',
  baseUrl: 'http://127.0.0.1:3000',
  packageDir: '/repo/packages/express-starter',
  database: { kind: 'postgres' },
  runDir: '/tmp/run',
  reliability: { ...reliabilityProfiles.quick, seed: 1 },
  instances: 1,
};

describe('capabilitiesOf', () => {
  it('lets groups boot instances of their own for a starter run as one instance', () => {
    expect(capabilitiesOf(starter).bootable).toBe(true);
  });

  it('does not through a balancer, where those groups would only repeat the one-instance run', () => {
    expect(capabilitiesOf({ ...starter, instances: 2 }).bootable).toBe(false);
  });

  it('does not for a server someone else runs', () => {
    const { packageDir: _packageDir, ...url } = starter;
    expect(capabilitiesOf({ ...url, kind: 'url' }).bootable).toBe(false);
  });

  it('has admin rights exactly when admin credentials are known', () => {
    expect(capabilitiesOf(starter).admin).toBe(false);
    expect(capabilitiesOf({ ...starter, admin: { email: 'a@b.c', password: 'x' } }).admin).toBe(
      true,
    );
  });
});
