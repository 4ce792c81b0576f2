import { describe, expect, it } from 'vitest';
import { client, registerUser } from '../support/api.js';
import { ctx } from '../support/context.js';

const OTHER_ORIGIN = 'http://elsewhere.test';

const preflight = (origin: string) =>
  client().request('OPTIONS', '/tasks', {
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
    // Preflights are a CORS mechanism, not an operation of the contract.
    unchecked: true,
  });

describe.runIf(ctx.corsOrigin)('CORS', () => {
  const allowed = ctx.corsOrigin!;

  it('allows a preflight from an allowed origin, for the method and headers the API needs', async () => {
    const res = await preflight(allowed);
    expect(res.status).toBeGreaterThanOrEqual(200);
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(res.headers.get('access-control-allow-methods')?.toUpperCase()).toContain('POST');
    const headers = res.headers.get('access-control-allow-headers')?.toLowerCase() ?? '';
    expect(headers).toContain('authorization');
    expect(headers).toContain('content-type');
  });

  it('allows a request from an allowed origin', async () => {
    const alice = await registerUser('cors');
    const res = await alice.api.get('/tasks', { headers: { origin: allowed } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(allowed);
  });

  it('gives no Access-Control-Allow-Origin to a preflight from another origin', async () => {
    const res = await preflight(OTHER_ORIGIN);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('gives no Access-Control-Allow-Origin to a request from another origin', async () => {
    const res = await client().get('/health', { headers: { origin: OTHER_ORIGIN } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
