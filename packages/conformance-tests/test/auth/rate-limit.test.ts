import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../src/boot.js';
import type { ApiResponse } from '../../src/client.js';
import { client, randomPassword, registerUser, uniqueEmail } from '../support/api.js';
import { capabilities, ctx } from '../support/context.js';
import {
  bootInstance,
  instanceClient,
  ownDatabase,
  type OwnDatabase,
} from '../support/instance.js';
import { expectProblem } from '../support/problems.js';

/** When the target's limit is unknown, give up looking for it after this many attempts. */
const UNKNOWN_LIMIT_CAP = 200;

/**
 * Spends one client's whole budget: half registrations, half failed logins when the limit is known (to
 * show they share one bucket), else failed logins until the first 429.
 */
async function exhaust(api = client()) {
  const victim = await registerUser('ratelimit');
  // Failed sign-ins to emails of their own: the victim's account keeps its own budget untouched.
  const badLogin = () =>
    api.post('/auth/login', { json: { email: uniqueEmail('nobody'), password: 'wrong-password' } });
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

// The harness starts targets trusting loopback, so each test client counts as the address it claims;
// these need instances started otherwise.
describe.runIf(capabilities.bootable)(
  'TRUST_PROXY, which decides whose address the limit counts',
  () => {
    let db: OwnDatabase;
    beforeAll(async () => {
      db = await ownDatabase('trust_proxy');
    }, 60_000);
    afterAll(async () => {
      await db?.release();
    }, 60_000);

    it('refuses to start with true (believe every hop)', { timeout: 240_000 }, async () => {
      await expect(
        bootInstance(db.database.url, 'trust-proxy-true', { TRUST_PROXY: 'true' }),
      ).rejects.toThrow(/exited during start-up[\s\S]*TRUST_PROXY=true/);
    });

    it(
      "ignores an untrusted peer's X-Forwarded-For: a new one buys no new budget",
      {
        timeout: 240_000,
      },
      async () => {
        const max = 3;
        const server = await bootInstance(db.database.url, 'trust-proxy-false', {
          TRUST_PROXY: 'false',
          AUTH_RATE_LIMIT_MAX: String(max),
          // Long enough that no attempt falls out of the window, however slowly the machine runs.
          AUTH_RATE_LIMIT_WINDOW_SECONDS: '600',
        });
        try {
          const statuses: number[] = [];
          for (let attempt = 0; attempt <= max; attempt++) {
            // A new client each time, so a new X-Forwarded-For, all from the same peer: 127.0.0.1.
            const res = await instanceClient(server.baseUrl).post('/auth/login', {
              json: { email: uniqueEmail('xff'), password: randomPassword() },
            });
            statuses.push(res.status);
          }
          expect(statuses).toEqual([...Array<number>(max).fill(401), 429]);
        } finally {
          await server.stop();
        }
      },
    );
  },
);

// A Redis outage must not switch the limit off: each instance counts in its own memory until Redis is
// back (the scale-out group shows the shared count returning). Port 1 refuses every connection.
describe.runIf(capabilities.bootable)('with REDIS_URL set and Redis down', () => {
  let db: OwnDatabase;
  beforeAll(async () => {
    db = await ownDatabase('limit_no_redis');
  }, 60_000);
  afterAll(async () => {
    await db?.release();
  }, 60_000);

  it(
    'still limits each client, counting in memory, and never answers 5xx',
    { timeout: 240_000 },
    async () => {
      const max = 3;
      const server = await bootInstance(db.database.url, 'limit-no-redis', {
        REDIS_URL: 'redis://127.0.0.1:1',
        AUTH_RATE_LIMIT_MAX: String(max),
        // Long enough that no attempt falls out of the window, however slowly the machine runs.
        AUTH_RATE_LIMIT_WINDOW_SECONDS: '600',
      });
      try {
        const api = instanceClient(server.baseUrl);
        const statuses: number[] = [];
        for (let attempt = 0; attempt < max; attempt++) {
          const res = await api.post('/auth/login', {
            json: { email: uniqueEmail('no-redis'), password: randomPassword() },
          });
          statuses.push(res.status);
        }
        expect(statuses).toEqual(Array<number>(max).fill(401));
        expectRateLimited(
          await api.post('/auth/register', {
            json: { email: uniqueEmail('no-redis'), password: randomPassword(), name: 'R' },
          }),
        );
        // Another client has a budget of its own.
        const other = await instanceClient(server.baseUrl).post('/auth/register', {
          json: { email: uniqueEmail('no-redis'), password: randomPassword(), name: 'R' },
        });
        expect(other.status).toBe(201);
      } finally {
        await server.stop();
      }
    },
  );
});
