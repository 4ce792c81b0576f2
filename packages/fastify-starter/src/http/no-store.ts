import type { onRequestAsyncHookHandler } from 'fastify';

/**
 * For plugins whose responses carry tokens or personal data (`/auth`, `/users`): no cache, shared or
 * the browser's, may keep them (RFC 6749 §5.1, RFC 9111 §5.2.2.5). An onRequest hook, so errors carry
 * it too.
 */
export const noStore: onRequestAsyncHookHandler = async (_request, reply) => {
  reply.header('Cache-Control', 'no-store');
};
