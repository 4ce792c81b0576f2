import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * For modules whose responses carry tokens or personal data (`/auth`, `/users`): no cache, shared or
 * the browser's, may keep them (RFC 6749 §5.1, RFC 9111 §5.2.2.5). Middleware, which runs before
 * guards, so errors carry it too (a 429 from the rate-limit guard, a 401 from the JWT guard).
 */
export function noStore(_req: IncomingMessage, res: ServerResponse, next: () => void): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}
