import type { Server } from 'node:http';
import type { Request } from 'express';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { answerClientError } from '@rosetta/shared-contract';
import type { Platform } from './platform.js';

/** Nest on Express, its default platform (`NEST_ADAPTER=express`). */
export const expressPlatform: Platform = {
  adapter: () => new ExpressAdapter(),

  configure(nestApp, config, logRequest, recordMetrics) {
    const app = nestApp as NestExpressApplication;
    // The first middleware: it runs before Nest's own middleware, CORS and routes.
    if (recordMetrics) app.use(recordMetrics);
    app.use(logRequest);
    // Tasks carry their version as an ETag, set by hand; hashes of other bodies would promise nothing.
    app.set('etag', false);
    // So that req.ip, and with it the auth rate limit, sees the client behind a trusted proxy.
    app.set('trust proxy', config.trustProxy);
    // res.send() answers 304 by itself whenever req.fresh holds, and `If-None-Match: *` makes it hold
    // on any route. Conditional requests are the tasks controller's job alone, so Express's never fire.
    const express = app.getHttpAdapter().getInstance();
    Object.defineProperty(express.request, 'fresh', { configurable: true, get: () => false });
    // A request Node cannot parse, or that took too long to arrive, never reaches the app: answer it as
    // a problem like every other error (Node's default is a bare status line).
    (app.getHttpServer() as Server).on('clientError', answerClientError);
  },

  // Express's router throws a URIError, which Nest's adapter wraps in a BadRequestException.
  isUndecodablePath: (exception) =>
    exception instanceof Error && exception.cause instanceof URIError,

  routePath: (req) => (req as Request).route.path as string,
  // Nest mounts every route on the app's own router under its full path, so this is the template.
  routeTemplate: (req) => (req as Request).route?.path as string | undefined,
};
