import type { RequestHandler } from 'express';

/**
 * For routers whose responses carry tokens or personal data (`/auth`, `/users`): no cache, shared or
 * the browser's, may keep them (RFC 6749 §5.1, RFC 9111 §5.2.2.5). Set first, so errors carry it too.
 */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
