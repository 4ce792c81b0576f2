import type { FastifyPluginAsync, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Principal } from '@rosetta/domain';
import { bearerToken, failures } from '@rosetta/shared-contract';
import { sendProblem } from './problem.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** An onRequest hook for plugins whose routes need a token: sets `request.principal`, or a 401. */
    authenticate: onRequestAsyncHookHandler;
  }
  interface FastifyRequest {
    /** Who is calling; set by `authenticate`, null on routes without it. */
    principal: Principal | null;
  }
}

/**
 * Bearer-token authentication as the `fastify.authenticate` decorator, which route plugins add as an
 * onRequest hook: it runs before the body is read, so an anonymous client cannot make the server parse
 * 100 kB, and only for routes that matched, so a wrong method or path is still 405/404 without a
 * token. No bearer credentials at all is `unauthorized`; a token the domain rejects surfaces as its
 * `invalid_token` error. Wrapped in fastify-plugin so the decorators reach every plugin, not only this
 * one's children.
 */
const authenticatePlugin: FastifyPluginAsync = async (fastify) => {
  fastify.decorateRequest('principal', null);
  fastify.decorate<onRequestAsyncHookHandler>('authenticate', async (request, reply) => {
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) return sendProblem(reply, ...failures.missingToken);
    request.principal = await fastify.domain.auth.authenticate(token);
  });
};

export const authenticate = fp(authenticatePlugin, {
  name: 'authenticate',
  decorators: { fastify: ['domain'] },
});

/** The authenticated caller. Throws (a 500) if a route forgot `authenticate`, rather than act as nobody. */
export function principal(request: FastifyRequest): Principal {
  const caller = request.principal;
  if (!caller)
    throw new Error(`${request.method} ${request.url} reads the principal without authenticate`);
  return caller;
}
