import type { MiddlewareHandler } from 'hono';

/**
 * For route groups whose responses carry tokens or personal data (`/auth`, `/users`): no cache, shared
 * or the browser's, may keep them (RFC 6749 §5.1, RFC 9111 §5.2.2.5). Set after the handler, on
 * whatever response it or the error handler made.
 */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
};
