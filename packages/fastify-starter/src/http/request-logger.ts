import type { IncomingMessage } from 'node:http';
import {
  type FastifyPluginAsync,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import fp from 'fastify-plugin';
import { requestId } from '@rosetta/shared-contract';

declare module 'fastify' {
  interface FastifyReply {
    /** The error this reply answers, set by the error handler; a 5xx's log line carries it. */
    failure: Error | null;
  }
}

/**
 * Fastify's `genReqId`. `request.log` is a child logger carrying this id (`reqId`), so every line a
 * request logs carries it. A sane incoming `X-Request-Id` is reused, so a request can be followed from
 * a proxy or client into our logs. (Fastify's own `requestIdHeader` would take any incoming value as
 * it is, so it stays off.)
 */
export function genReqId(req: IncomingMessage): string {
  return requestId(req.headers['x-request-id']);
}

/**
 * How a request appears on its line: its id, method, URL and the address it came from. No headers, so
 * no credential can reach the line, and it costs the same whatever the client sends; to log one, add
 * it here (`userAgent: request.headers['user-agent']`), and any secret one to the logger's
 * `redactPaths`. This replaces Fastify's own `req` serializer, which has no id and adds host, port and
 * version; Fastify's `res` serializer, the status code, stays.
 */
export const serializers = {
  req: (request: FastifyRequest) => ({
    id: request.id,
    method: request.method,
    url: request.url,
    remoteAddress: request.socket?.remoteAddress,
  }),
};

/**
 * A request's one log line, when it has completed: what was asked, the status, how long it took.
 * Below 500 it is `info`; a 5xx is `error`, with the error behind it.
 */
export function logCompleted(
  request: FastifyRequest,
  reply: FastifyReply,
  error?: Error | null,
): void {
  // `req` and `res` are shaped by the serializers above (and Fastify's for `res`).
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
