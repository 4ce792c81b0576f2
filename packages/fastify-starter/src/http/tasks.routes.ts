import type { FastifyPluginAsync } from 'fastify';
import type { ListTasksQuery } from '@rosetta/domain';
import {
  type CreateTaskRequest,
  formatEtag,
  ifNoneMatchHits,
  parseIfMatch,
  type UpdateTaskRequest,
} from '@rosetta/shared-contract';
import { principal } from './authenticate.js';
import { routeSchema } from './validate.js';

type ById = { Params: { id: string } };

/**
 * `/tasks`: each user's own tasks. ETags are the task's version, issued here and nowhere else (Fastify
 * makes none of its own), and conditional requests are answered here, explicitly. Handlers return the
 * body, which Fastify serializes with the route's response schema; only bodiless replies call `send()`.
 */
export const tasksRoutes: FastifyPluginAsync = async (fastify) => {
  const { tasks } = fastify.domain;
  fastify.addHook('onRequest', fastify.authenticate);

  fastify.post<{ Body: CreateTaskRequest }>(
    '/',
    { schema: routeSchema('createTask') },
    async (request, reply) => {
      const { task, version } = await tasks.create(principal(request), request.body);
      reply.code(201).headers({ Location: `/tasks/${task.id}`, ETag: formatEtag(version) });
      return task;
    },
  );

  // Validation has coerced the query to the schema's types and applied its defaults, in place.
  fastify.get<{ Querystring: ListTasksQuery }>(
    '/',
    { schema: routeSchema('listTasks') },
    async (request) => tasks.list(principal(request), request.query),
  );

  fastify.get<ById>('/:id', { schema: routeSchema('getTask') }, async (request, reply) => {
    const { task, version } = await tasks.get(principal(request), request.params.id);
    reply.header('ETag', formatEtag(version));
    // RFC 9110 §13.1.2: a matching If-None-Match on GET is 304, with the ETag and no body.
    if (ifNoneMatchHits(request.headers['if-none-match'], version)) {
      return reply.code(304).send();
    }
    return task;
  });

  fastify.patch<ById & { Body: UpdateTaskRequest }>(
    '/:id',
    { schema: routeSchema('updateTask') },
    async (request, reply) => {
      const expected = parseIfMatch(request.headers['if-match']);
      const { task, version } = await tasks.update(
        principal(request),
        request.params.id,
        request.body,
        expected,
      );
      reply.header('ETag', formatEtag(version));
      return task;
    },
  );

  fastify.delete<ById>('/:id', { schema: routeSchema('deleteTask') }, async (request, reply) => {
    await tasks.remove(principal(request), request.params.id);
    return reply.code(204).send();
  });
};
