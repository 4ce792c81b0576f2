import { describe, expect, it } from 'vitest';
import { useDomain } from './support/domain.js';

const ctx = useDomain();

describe('health.poolStats', () => {
  it('counts the pool’s connections without a query of its own', async () => {
    const { max, total, idle, pending } = ctx.domain.health.poolStats();
    // A pool of 10 on a server, of one on embedded PGlite (see create-domain.ts).
    expect(max).toBe(ctx.url ? 10 : 1);
    expect(total).toBeGreaterThanOrEqual(1);
    expect(total).toBeLessThanOrEqual(max);
    expect(idle).toBeLessThanOrEqual(total);
    expect(pending).toBe(0);
  });

  it('finds every connection idle once the queries are done', async () => {
    await Promise.all([ctx.domain.health.isDatabaseReady(), ctx.domain.health.isDatabaseReady()]);
    const { total, idle } = ctx.domain.health.poolStats();
    expect(idle).toBe(total);
  });
});
