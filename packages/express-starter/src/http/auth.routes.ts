import { type Request, type RequestHandler, Router } from 'express';
import type { AuthService, ClientInfo } from '@rosetta/domain';
import { principal } from './authenticate.js';
import { noStore } from './no-store.js';
import { methodNotAllowed } from './problem.js';
import { jsonBody } from './require-json.js';
import { validate } from './validate.js';

/**
 * `/auth`: accounts, tokens and the caller's sessions. Register and login take `rateLimit`, one
 * limiter shared by both; the sessions routes take `authenticate`.
 */
export function authRouter(
  auth: AuthService,
  rateLimit: RequestHandler,
  authenticate: RequestHandler,
): Router {
  const router = Router();

  router.use(noStore);

  router
    .route('/register')
    .post(rateLimit, jsonBody, validate('register'), async (req, res) => {
      res.status(201).json(await auth.register(req.body, client(req)));
    })
    .all(methodNotAllowed(['POST']));

  router
    .route('/login')
    .post(rateLimit, jsonBody, validate('login'), async (req, res) => {
      res.json(await auth.login(req.body, client(req)));
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

  router
    .route('/sessions')
    .get(authenticate, async (_req, res) => {
      res.json(await auth.listSessions(principal(res)));
    })
    .delete(authenticate, async (_req, res) => {
      await auth.endOtherSessions(principal(res));
      res.status(204).end();
    })
    .all(methodNotAllowed(['GET', 'DELETE']));

  router
    .route('/sessions/:id')
    .delete(authenticate, validate('deleteSession'), async (req, res) => {
      await auth.endSession(principal(res), req.params.id);
      res.status(204).end();
    })
    .all(methodNotAllowed(['DELETE']));

  return router;
}

/** Who is signing in, as the session records it; `req.ip` honours `trust proxy`. */
function client(req: Request): ClientInfo {
  return { userAgent: req.get('User-Agent'), ipAddress: req.ip };
}
