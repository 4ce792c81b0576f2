import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/boot.js';
import type { ApiResponse } from '../../src/client.js';
import { client, randomPassword, registerUser, uniqueEmail } from '../support/api.js';
import { ctx } from '../support/context.js';
import { expectProblem } from '../support/problems.js';

/** When the target's limit is unknown, give up looking for it after this many attempts. */
const UNKNOWN_LIMIT_CAP = 200;

/**
 * Spends one client's whole budget: half registrations, half failed logins when the limit is known (to
 * show they share one bucket), else failed logins until the first 429.
 */
async function exhaust(api = client()) {
  const victim = await registerUser('ratelimit');
  const badLogin = () =>
    api.post('/auth/login', { json: { email: victim.email, password: 'wrong-password' } });
  const register = () =>
    api.post('/auth/register', {
      json: { email: uniqueEmail('ratelimit'), password: randomPassword(), name: 'R' },
    });
  const max = ctx.authRateLimitMax;
  if (max !== undefined) {
    const half = Math.floor(max / 2);
    const answers = await Promise.all([
      ...Array.from({ length: half }, register),
      ...Array.from({ length: max - half }, badLogin),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual(
      [...Array(half).fill(201), ...Array(max - half).fill(401)].sort(),
    );
    return { api, victim };
  }
  for (let i = 0; i < UNKNOWN_LIMIT_CAP; i++) {
    const res = await badLogin();
    if (res.status === 429) return { api, victim };
    expect(res.status).toBe(401);
  }
  throw new Error(`No 429 after ${UNKNOWN_LIMIT_CAP} failed logins from one client.`);
}

function expectRateLimited(res: ApiResponse) {
  expectProblem(res, 429, 'rate_limited');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(0);
  return retryAfter;
}

describe('the auth rate limit (POST /auth/login and /auth/register share one budget per client)', () => {
  it('answers 429 rate_limited with Retry-After to login and register once the budget is spent', async () => {
    const { api, victim } = await exhaust();
    expectRateLimited(
      await api.post('/auth/login', { json: { email: victim.email, password: victim.password } }),
    );
    expectRateLimited(
      await api.post('/auth/register', {
        json: { email: uniqueEmail(), password: randomPassword(), name: 'R' },
      }),
    );
  });

  it('keeps budgets per client: another address still signs in', async () => {
    const { api, victim } = await exhaust();
    expectRateLimited(
      await api.post('/auth/login', { json: { email: victim.email, password: victim.password } }),
    );
    const other = await client().post('/auth/login', {
      json: { email: victim.email, password: victim.password },
    });
    expect(other.status).toBe(200);
  });

  // Waiting out the window is only affordable when the harness chose a short one.
  it.runIf(ctx.kind === 'starter')(
    'lets the client in again once Retry-After has passed',
    async () => {
      const { api, victim } = await exhaust();
      const retryAfter = expectRateLimited(
        await api.post('/auth/login', { json: { email: victim.email, password: victim.password } }),
      );
      expect(retryAfter).toBeLessThanOrEqual(15);
      await sleep(retryAfter * 1000 + 1000);
      const res = await api.post('/auth/login', {
        json: { email: victim.email, password: victim.password },
      });
      expect(res.status).toBe(200);
    },
    45_000,
  );
});
