import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import Fastify from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { answerClientError, failures, problemAnswer } from '@rosetta/shared-contract';
import { proxyTrust } from '@rosetta/runtime';
import type { Platform } from './platform.js';

/**
 * Nest on Fastify (`NEST_ADAPTER=fastify`). Fastify makes the Node server itself, so what Express
 * takes as app settings is given to the adapter here, once.
 */
export const fastifyPlatform: Platform = {
  adapter(config, logRequest, recordMetrics) {
    const fastify = Fastify({
      // So that request.ip, and with it the auth rate limit, sees the client behind a trusted proxy.
      // Fastify reads a list of addresses as TRUST_PROXY means it, but a hop count otherwise; the rule
      // as a function means the same to it whichever form TRUST_PROXY takes.
      trustProxy: proxyTrust(config.trustProxy),
      // The router matches as Express's does, which is what RouteTable (405 and Allow) reads.
      routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
      // While closing, serve what still arrives on open connections (marked Connection: close by
      // gracefulClose) rather than answer Fastify's 503, whose body is not a problem.
      return503OnClosing: false,
      // A request Node cannot parse, or that took too long to arrive, never reaches a route: answer it
      // as a problem like every other error (Fastify's default writes its own JSON).
      clientErrorHandler: answerClientError,
      // The router refuses a path it cannot percent-decode (`/tasks/%ZZ`) before any hook or Nest's
      // filters run: a name no resource can have, so 404, as a problem, logged like any other.
      frameworkErrors: (_error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
        recordMetrics?.(request, reply.raw, () => undefined);
        logRequest(request.raw, reply.raw, () => undefined);
        const { status, headers, body } = problemAnswer(...failures.notFound);
        void reply.code(status).headers(headers).send(body);
      },
    });
    // The first onRequest hooks, so before the one the adapter adds (CORS preflights and security
    // headers), which is why the instance is made here and handed to the adapter.
    if (recordMetrics) {
      fastify.addHook('onRequest', (request, reply, done) =>
        recordMetrics(request, reply.raw, done),
      );
    }
    fastify.addHook('onRequest', (request, reply, done) =>
      logRequest(request.raw, reply.raw, done),
    );
    return new FastifyAdapter(fastify);
  },

  configure(nestApp) {
    const fastify = (nestApp as NestFastifyApplication).getHttpAdapter().getInstance();
    // Bodies are read by JsonBodyInterceptor, after the guards, as on Express, not by Fastify before
    // the handler: this parser accepts every media type and reads nothing, so the interceptor finds
    // the request stream untouched (and a 415, 413 or 400 comes from the one place on both platforms).
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser('*', (_request, _payload, done) => done(null));
  },

  // Never reaches the filters here: `frameworkErrors` above answers it.
  isUndecodablePath: () => false,

  routePath: (req) => (req as { routeOptions: { url: string } }).routeOptions.url,
  routeTemplate: (req) => (req as { routeOptions: { url?: string } }).routeOptions.url,
};
