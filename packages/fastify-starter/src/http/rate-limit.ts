import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import type { Config } from '@rosetta/runtime';
import { failures } from '@rosetta/shared-contract';
import { ProblemError } from './problem.js';
import { redisStore } from './rate-limit-store.js';

export type AuthRateLimitOptions = Config['authRateLimit'] & { redis?: Redis | undefined };

/**
 * One limiter for the credential endpoints. Register it in a scope that holds only login and register:
 * @fastify/rate-limit then limits every route of that scope from one store, so the two share a bucket
 * per client IP, and guessing passwords cannot dodge the limit by alternating routes. (Per-route
 * `config.rateLimit`, even with a `groupId`, gives each route a store of its own.) The key is
 * `request.ip`, which honours the app's `trustProxy`, so behind a trusted proxy each client counts
 * separately. It runs as an onRequest hook, before the body is read.
 *
 * With `redis` the counters live in Redis (the plugin's own Redis store), so every instance behind a
 * load balancer spends the same budget; without it, in this process's memory. While Redis is
 * unreachable the counters fall back to this process's memory (`rate-limit-store.ts`): the limit
 * holds per instance rather than switching off, and a cache outage turns into
 * neither a lock-out nor a 5xx.
 */
const authRateLimitPlugin: FastifyPluginAsync<AuthRateLimitOptions> = async (
  fastify,
  { max, windowSeconds, redis },
) => {
  await fastify.register(rateLimit, {
    max,
    timeWindow: windowSeconds * 1000,
    ...(redis && { store: redisStore(redis) }),
    // RateLimit-Limit / -Remaining / -Reset, and Retry-After in seconds on a 429.
    enableDraftSpec: true,
    // Thrown to the app's error handler, like every other error.
    errorResponseBuilder: () => new ProblemError(...failures.rateLimited),
  });
  // The draft 6 policy header, which the contract documents; this plugin sends none of its own.
  fastify.addHook('onSend', async (_request, reply) => {
    reply.header('RateLimit-Policy', `${max};w=${windowSeconds}`);
  });
};

export const authRateLimit = fp(authRateLimitPlugin, { name: 'auth-rate-limit' });
