import { Hono, type MiddlewareHandler } from 'hono';
import type { AuthService } from '@rosetta/domain';
import { jsonBody } from './require-json.js';
import { validate } from './validate.js';

/** `/auth`: accounts and tokens. Register and login take `rateLimit`, one limiter shared by both. */
export function authRoutes(auth: AuthService, rateLimit: MiddlewareHandler): Hono {
  const routes = new Hono();

  // Responses here carry tokens or credentials' outcomes; no cache may keep them (RFC 6749 §5.1).
  routes.use(async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  routes.post('/register', rateLimit, jsonBody(), validate('register'), async (c) => {
    return c.json(await auth.register(c.req.valid('json')), 201);
  });

  routes.post('/login', rateLimit, jsonBody(), validate('login'), async (c) => {
    return c.json(await auth.login(c.req.valid('json')));
  });

  routes.post('/refresh', jsonBody(), validate('refresh'), async (c) => {
    return c.json(await auth.refresh(c.req.valid('json').refreshToken));
  });

  routes.post('/logout', jsonBody(), validate('logout'), async (c) => {
    await auth.logout(c.req.valid('json').refreshToken);
    return c.body(null, 204);
  });

  return routes;
}
