import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { AuthService, ClientInfo } from '@rosetta/domain';
import type { AuthEnv } from './authenticate.js';
import { noStore } from './no-store.js';
import { jsonBody } from './require-json.js';
import { validate } from './validate.js';

/**
 * `/auth`: accounts, tokens and the caller's sessions. Register and login take `rateLimit`, one
 * limiter shared by both; the sessions routes take `authenticate`. `clientIp` is the address a
 * session records (see client-ip.ts).
 */
export function authRoutes(
  auth: AuthService,
  rateLimit: MiddlewareHandler,
  authenticate: MiddlewareHandler<AuthEnv>,
  clientIp: (c: Context) => string,
): Hono {
  const routes = new Hono();
  const client = (c: Context): ClientInfo => ({
    userAgent: c.req.header('User-Agent'),
    ipAddress: clientIp(c),
  });

  routes.use(noStore);

  routes.post('/register', rateLimit, jsonBody(), validate('register'), async (c) => {
    return c.json(await auth.register(c.req.valid('json'), client(c)), 201);
  });

  routes.post('/login', rateLimit, jsonBody(), validate('login'), async (c) => {
    return c.json(await auth.login(c.req.valid('json'), client(c)));
  });

  routes.post('/refresh', jsonBody(), validate('refresh'), async (c) => {
    return c.json(await auth.refresh(c.req.valid('json').refreshToken));
  });

  routes.post('/logout', jsonBody(), validate('logout'), async (c) => {
    await auth.logout(c.req.valid('json').refreshToken);
    return c.body(null, 204);
  });

  routes.get('/sessions', authenticate, async (c) => {
    return c.json(await auth.listSessions(c.var.principal));
  });

  routes.delete('/sessions', authenticate, async (c) => {
    await auth.endOtherSessions(c.var.principal);
    return c.body(null, 204);
  });

  routes.delete('/sessions/:id', authenticate, validate('deleteSession'), async (c) => {
    await auth.endSession(c.var.principal, c.req.param('id'));
    return c.body(null, 204);
  });

  return routes;
}
