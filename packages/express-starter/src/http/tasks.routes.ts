import { type RequestHandler, Router } from 'express';
import type { ListTasksQuery, TasksService } from '@rosetta/domain';
import { formatEtag, ifNoneMatchHits, parseIfMatch } from '@rosetta/shared-contract';
import { principal } from './authenticate.js';
import { methodNotAllowed } from './problem.js';
import { jsonBody } from './require-json.js';
import { validate } from './validate.js';

/**
 * `/tasks`: each user's own tasks. ETags are the task's version, issued here and nowhere else (the
 * app's automatic ETags are off), and conditional requests are answered here, explicitly.
 */
export function tasksRouter(tasks: TasksService, authenticate: RequestHandler): Router {
  const router = Router();

  router
    .route('/')
    .post(authenticate, jsonBody, validate('createTask'), async (req, res) => {
      const { task, version } = await tasks.create(principal(res), req.body);
      res.status(201).location(`/tasks/${task.id}`).set('ETag', formatEtag(version)).json(task);
    })
    .get(authenticate, validate('listTasks'), async (_req, res) => {
      res.json(await tasks.list(principal(res), res.locals.query as ListTasksQuery));
    })
    .all(methodNotAllowed(['GET', 'POST']));

  router
    .route('/:id')
    .get(authenticate, validate('getTask'), async (req, res) => {
      const { task, version } = await tasks.get(principal(res), req.params.id);
      res.set('ETag', formatEtag(version));
      // RFC 9110 §13.1.2: a matching If-None-Match on GET is 304, with the ETag and no body.
      if (ifNoneMatchHits(req.get('If-None-Match'), version)) {
        res.status(304).end();
        return;
      }
      res.json(task);
    })
    .patch(authenticate, jsonBody, validate('updateTask'), async (req, res) => {
      const expected = parseIfMatch(req.get('If-Match'));
      const { task, version } = await tasks.update(
        principal(res),
        req.params.id,
        req.body,
        expected,
      );
      res.set('ETag', formatEtag(version)).json(task);
    })
    .delete(authenticate, validate('deleteTask'), async (req, res) => {
      await tasks.remove(principal(res), req.params.id);
      res.status(204).end();
    })
    .all(methodNotAllowed(['GET', 'PATCH', 'DELETE']));

  return router;
}
