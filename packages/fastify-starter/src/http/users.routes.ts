import type { FastifyPluginAsync } from 'fastify';
import type { ListUsersQuery } from '@rosetta/domain';
import type { UpdateMeRequest, UpdateUserRequest } from '@rosetta/shared-contract';
import { principal } from './authenticate.js';
import { noStore } from './no-store.js';
import { routeSchema } from './validate.js';

type ById = { Params: { id: string } };

/**
 * `/users`: the caller's own account, and administration of everyone's. The domain decides who is an
 * admin and what an admin may do to their own account; this file only speaks HTTP.
 */
export const usersRoutes: FastifyPluginAsync = async (fastify) => {
  const { users } = fastify.domain;
  fastify.addHook('onRequest', noStore);
  fastify.addHook('onRequest', fastify.authenticate);

  // The router ranks the static `/me` above `/:id` whatever the order they are declared in.
  fastify.get('/me', { schema: routeSchema('getMe') }, async (request) =>
    users.getMe(principal(request)),
  );

  fastify.patch<{ Body: UpdateMeRequest }>(
    '/me',
    { schema: routeSchema('updateMe') },
    async (request) => users.updateMe(principal(request), request.body),
  );

  fastify.delete('/me', { schema: routeSchema('deleteMe') }, async (request, reply) => {
    await users.deleteMe(principal(request));
    return reply.code(204).send();
  });

  fastify.get<{ Querystring: ListUsersQuery }>(
    '/',
    { schema: routeSchema('listUsers') },
    async (request) => users.list(principal(request), request.query),
  );

  fastify.get<ById>('/:id', { schema: routeSchema('getUser') }, async (request) =>
    users.get(principal(request), request.params.id),
  );

  fastify.patch<ById & { Body: UpdateUserRequest }>(
    '/:id',
    { schema: routeSchema('updateUser') },
    async (request) => users.updateRole(principal(request), request.params.id, request.body.role),
  );

  fastify.delete<ById>('/:id', { schema: routeSchema('deleteUser') }, async (request, reply) => {
    await users.remove(principal(request), request.params.id);
    return reply.code(204).send();
  });
};
