import { Hono, type MiddlewareHandler } from 'hono';
import type { TasksService } from '@rosetta/domain';
import { formatEtag, ifNoneMatchHits, parseIfMatch } from '@rosetta/shared-contract';
import type { AuthEnv } from './authenticate.js';
import { jsonBody } from './require-json.js';
import { validate } from './validate.js';

/**
 * `/tasks`: each user's own tasks. ETags are the task's version, issued here and nowhere else (Hono
 * makes none by itself), and conditional requests are answered here, explicitly.
 */
export function tasksRoutes(tasks: TasksService, authenticate: MiddlewareHandler<AuthEnv>): Hono {
  const routes = new Hono();

  routes.post('/', authenticate, jsonBody(), validate('createTask'), async (c) => {
    const { task, version } = await tasks.create(c.var.principal, c.req.valid('json'));
    return c.json(task, 201, { Location: `/tasks/${task.id}`, ETag: formatEtag(version) });
  });

  routes.get('/', authenticate, validate('listTasks'), async (c) => {
    return c.json(await tasks.list(c.var.principal, c.req.valid('query')));
  });

  routes.get('/:id', authenticate, validate('getTask'), async (c) => {
    const { task, version } = await tasks.get(c.var.principal, c.req.param('id'));
    c.header('ETag', formatEtag(version));
    // RFC 9110 §13.1.2: a matching If-None-Match on GET is 304, with the ETag and no body.
    if (ifNoneMatchHits(c.req.header('If-None-Match'), version)) return c.body(null, 304);
    return c.json(task);
  });

  routes.patch('/:id', authenticate, jsonBody(), validate('updateTask'), async (c) => {
    const expected = parseIfMatch(c.req.header('If-Match'));
    const { task, version } = await tasks.update(
      c.var.principal,
      c.req.param('id'),
      c.req.valid('json'),
      expected,
    );
    return c.json(task, 200, { ETag: formatEtag(version) });
  });

  routes.delete('/:id', authenticate, validate('deleteTask'), async (c) => {
    await tasks.remove(c.var.principal, c.req.param('id'));
    return c.body(null, 204);
  });

  return routes;
}
