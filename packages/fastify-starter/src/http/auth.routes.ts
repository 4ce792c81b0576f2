import type { FastifyPluginAsync } from 'fastify';
import type { LoginRequest, RefreshRequest, RegisterRequest } from '@rosetta/shared-contract';
import { authRateLimit, type AuthRateLimitOptions } from './rate-limit.js';
import { routeSchema } from './validate.js';

/** `/auth`: accounts and tokens. Register and login share one rate limit, configured by `rateLimit`. */
export const authRoutes: FastifyPluginAsync<{ rateLimit: AuthRateLimitOptions }> = async (
  fastify,
  { rateLimit },
) => {
  const { auth } = fastify.domain;

  // Responses here carry tokens or credentials' outcomes; no cache may keep them (RFC 6749 §5.1).
  fastify.addHook('onRequest', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
  });

  // An encapsulated child scope: the limiter registered in it sees these two routes and no others.
  await fastify.register(async (credentials) => {
    await credentials.register(authRateLimit, rateLimit);

    credentials.post<{ Body: RegisterRequest }>(
      '/register',
      { schema: routeSchema('register') },
      async (request, reply) => {
        reply.code(201);
        return auth.register(request.body);
      },
    );

    credentials.post<{ Body: LoginRequest }>(
      '/login',
      { schema: routeSchema('login') },
      async (request) => auth.login(request.body),
    );
  });

  fastify.post<{ Body: RefreshRequest }>(
    '/refresh',
    { schema: routeSchema('refresh') },
    async (request) => auth.refresh(request.body.refreshToken),
  );

  fastify.post<{ Body: RefreshRequest }>(
    '/logout',
    { schema: routeSchema('logout') },
    async (request, reply) => {
      await auth.logout(request.body.refreshToken);
      return reply.code(204).send();
    },
  );
};
