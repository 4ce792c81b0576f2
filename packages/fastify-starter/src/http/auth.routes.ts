import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ClientInfo } from '@rosetta/domain';
import type { LoginRequest, RefreshRequest, RegisterRequest } from '@rosetta/shared-contract';
import { principal } from './authenticate.js';
import { noStore } from './no-store.js';
import { authRateLimit, type AuthRateLimitOptions } from './rate-limit.js';
import { routeSchema } from './validate.js';

/**
 * `/auth`: accounts, tokens and the caller's sessions. Register and login share one rate limit,
 * configured by `rateLimit`; the sessions routes need a token.
 */
export const authRoutes: FastifyPluginAsync<{ rateLimit: AuthRateLimitOptions }> = async (
  fastify,
  { rateLimit },
) => {
  const { auth } = fastify.domain;

  fastify.addHook('onRequest', noStore);

  // An encapsulated child scope: the limiter registered in it sees these two routes and no others.
  await fastify.register(async (credentials) => {
    await credentials.register(authRateLimit, rateLimit);

    credentials.post<{ Body: RegisterRequest }>(
      '/register',
      { schema: routeSchema('register') },
      async (request, reply) => {
        reply.code(201);
        return auth.register(request.body, client(request));
      },
    );

    credentials.post<{ Body: LoginRequest }>(
      '/login',
      { schema: routeSchema('login') },
      async (request) => auth.login(request.body, client(request)),
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

  // An encapsulated child scope again: the token check covers these routes and no others.
  await fastify.register(async (sessions) => {
    sessions.addHook('onRequest', fastify.authenticate);

    sessions.get('/sessions', { schema: routeSchema('listSessions') }, async (request) =>
      auth.listSessions(principal(request)),
    );

    sessions.delete(
      '/sessions',
      { schema: routeSchema('deleteOtherSessions') },
      async (request, reply) => {
        await auth.endOtherSessions(principal(request));
        return reply.code(204).send();
      },
    );

    sessions.delete<{ Params: { id: string } }>(
      '/sessions/:id',
      { schema: routeSchema('deleteSession') },
      async (request, reply) => {
        await auth.endSession(principal(request), request.params.id);
        return reply.code(204).send();
      },
    );
  });
};

/** Who is signing in, as the session records it; `request.ip` honours `trustProxy`. */
function client(request: FastifyRequest): ClientInfo {
  return { userAgent: request.headers['user-agent'], ipAddress: request.ip };
}
