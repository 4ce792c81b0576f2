import { type RequestHandler, Router } from 'express';
import type { AuthService } from '@rosetta/domain';
import { methodNotAllowed } from './problem.js';
import { jsonBody } from './require-json.js';
import { validate } from './validate.js';

/** `/auth`: accounts and tokens. Register and login take `rateLimit`, one limiter shared by both. */
export function authRouter(auth: AuthService, rateLimit: RequestHandler): Router {
  const router = Router();

  // Responses here carry tokens or credentials' outcomes; no cache may keep them (RFC 6749 §5.1).
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router
    .route('/register')
    .post(rateLimit, jsonBody, validate('register'), async (req, res) => {
      res.status(201).json(await auth.register(req.body));
    })
    .all(methodNotAllowed(['POST']));

  router
    .route('/login')
    .post(rateLimit, jsonBody, validate('login'), async (req, res) => {
      res.json(await auth.login(req.body));
    })
    .all(methodNotAllowed(['POST']));

  router
    .route('/refresh')
    .post(jsonBody, validate('refresh'), async (req, res) => {
      res.json(await auth.refresh(req.body.refreshToken));
    })
    .all(methodNotAllowed(['POST']));

  router
    .route('/logout')
    .post(jsonBody, validate('logout'), async (req, res) => {
      await auth.logout(req.body.refreshToken);
      res.status(204).end();
    })
    .all(methodNotAllowed(['POST']));

  return router;
}
