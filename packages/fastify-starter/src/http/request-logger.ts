import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  type FastifyPluginAsync,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyReply {
    /** The error this reply answers, set by the error handler; a 5xx's log line carries it. */
    failure: Error | null;
  }
}

// A caller's id is kept only if it is short and plain, so it cannot forge log lines or bloat them.
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Fastify's `genReqId`. `request.log` is a child logger carrying this id (`reqId`), so every line a
 * request logs carries it. A sane incoming `X-Request-Id` is reused, so a request can be followed from
 * a proxy or client into our logs. (Fastify's own `requestIdHeader` would take any incoming value as
 * it is, so it stays off.)
 */
export function requestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * A request's one log line, when it has completed: what was asked, the status, how long it took.
 * Below 500 it is `info`; a 5xx is `error`, with the error behind it.
 */
export function logCompleted(
  request: FastifyRequest,
  reply: FastifyReply,
  error?: Error | null,
): void {
  // `req` and `res` are shaped by the logger's serializers (logger.ts, and Fastify's for `res`).
  const line = { req: request, res: reply, responseTime: reply.elapsedTime };
  if (error || reply.statusCode >= 500) {
    reply.log.error({ ...line, err: error ?? reply.failure ?? undefined }, 'request completed');
  } else {
    reply.log.info(line, 'request completed');
  }
}

/**
 * Fastify's own request logging (the `logController` option), reduced to that one line: by default
 * Fastify also logs "incoming request" when a request arrives, which doubled the cost of logging.
 */
export class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    logCompleted(request, reply, error);
  }
}

/**
 * Echoes the request id in `X-Request-Id`. Set in onRequest, the first hook, so it is there on every
 * reply that hooks reach, errors and 404s included; a callback hook, since an async one costs a
 * promise per request.
 */
const requestLoggerPlugin: FastifyPluginAsync = async (fastify) => {
  fastify.decorateReply('failure', null);
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });
};

export const requestLogger = fp(requestLoggerPlugin, { name: 'request-logger' });
