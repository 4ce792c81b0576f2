import { Hono, type MiddlewareHandler } from 'hono';
import type { UsersService } from '@rosetta/domain';
import type { AuthEnv } from './authenticate.js';
import { noStore } from './no-store.js';
import { jsonBody } from './require-json.js';
import { validate } from './validate.js';

/**
 * `/users`: the caller's own account, and administration of everyone's. The domain decides who is an
 * admin and what an admin may do to their own account; this file only speaks HTTP.
 */
export function usersRoutes(users: UsersService, authenticate: MiddlewareHandler<AuthEnv>): Hono {
  const routes = new Hono();
  routes.use(noStore);

  // Declared before `/:id`, which would otherwise claim "me" (and reject it as not a UUID).
  routes.get('/me', authenticate, async (c) => {
    return c.json(await users.getMe(c.var.principal));
  });

  routes.patch('/me', authenticate, jsonBody(), validate('updateMe'), async (c) => {
    return c.json(await users.updateMe(c.var.principal, c.req.valid('json')));
  });

  routes.delete('/me', authenticate, async (c) => {
    await users.deleteMe(c.var.principal);
    return c.body(null, 204);
  });

  routes.get('/', authenticate, validate('listUsers'), async (c) => {
    return c.json(await users.list(c.var.principal, c.req.valid('query')));
  });

  routes.get('/:id', authenticate, validate('getUser'), async (c) => {
    return c.json(await users.get(c.var.principal, c.req.param('id')));
  });

  routes.patch('/:id', authenticate, jsonBody(), validate('updateUser'), async (c) => {
    return c.json(
      await users.updateRole(c.var.principal, c.req.param('id'), c.req.valid('json').role),
    );
  });

  routes.delete('/:id', authenticate, validate('deleteUser'), async (c) => {
    await users.remove(c.var.principal, c.req.param('id'));
    return c.body(null, 204);
  });

  return routes;
}
