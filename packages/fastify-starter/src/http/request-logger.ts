import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

// A caller's id is kept only if it is short and plain, so it cannot forge log lines or bloat them.
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Fastify's `genReqId`. Fastify logs every request itself, through the logger it was given, under this
 * id (`reqId`), and `request.log` is a child logger carrying it. A sane incoming `X-Request-Id` is
 * reused, so a request can be followed from a proxy or client into our logs. (Fastify's own
 * `requestIdHeader` would take any incoming value as it is, so it stays off.)
 */
export function requestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** Echoes the request id in `X-Request-Id`: onSend runs for every reply, errors and 404s included. */
const requestLoggerPlugin: FastifyPluginAsync = async (fastify) => {
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });
};

export const requestLogger = fp(requestLoggerPlugin, { name: 'request-logger' });
