import { type RequestHandler, Router } from 'express';
import type { ListUsersQuery, UsersService } from '@rosetta/domain';
import { principal } from './authenticate.js';
import { noStore } from './no-store.js';
import { methodNotAllowed } from './problem.js';
import { jsonBody } from './require-json.js';
import { validate } from './validate.js';

/**
 * `/users`: the caller's own account, and administration of everyone's. The domain decides who is an
 * admin and what an admin may do to their own account; this file only speaks HTTP.
 */
export function usersRouter(users: UsersService, authenticate: RequestHandler): Router {
  const router = Router();
  router.use(noStore);

  // Declared before `/:id`, which would otherwise claim "me" (and reject it as not a UUID).
  router
    .route('/me')
    .get(authenticate, async (_req, res) => {
      res.json(await users.getMe(principal(res)));
    })
    .patch(authenticate, jsonBody, validate('updateMe'), async (req, res) => {
      res.json(await users.updateMe(principal(res), req.body));
    })
    .delete(authenticate, async (_req, res) => {
      await users.deleteMe(principal(res));
      res.status(204).end();
    })
    .all(methodNotAllowed(['GET', 'PATCH', 'DELETE']));

  router
    .route('/')
    .get(authenticate, validate('listUsers'), async (_req, res) => {
      res.json(await users.list(principal(res), res.locals.query as ListUsersQuery));
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/:id')
    .get(authenticate, validate('getUser'), async (req, res) => {
      res.json(await users.get(principal(res), req.params.id));
    })
    .patch(authenticate, jsonBody, validate('updateUser'), async (req, res) => {
      res.json(await users.updateRole(principal(res), req.params.id, req.body.role));
    })
    .delete(authenticate, validate('deleteUser'), async (req, res) => {
      await users.remove(principal(res), req.params.id);
      res.status(204).end();
    })
    .all(methodNotAllowed(['GET', 'PATCH', 'DELETE']));

  return router;
}
