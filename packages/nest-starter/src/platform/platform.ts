import type { IncomingMessage, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import type { NestConfig } from '../config.js';
import type { RequestLogger } from '../http/request-logger.js';
import type { RecordMetrics } from '../metrics/record-metrics.js';

/**
 * What differs between the HTTP platforms Nest runs on. Everything outside this folder is written
 * once, against Nest's abstractions (HttpAdapterHost, guards, pipes, filters) or Node's own request and
 * response, and runs on either.
 */
export interface Platform {
  /**
   * The adapter NestFactory.create takes, with this platform's settings. `logRequest` (the request
   * logger) must see every request before anything can answer it, CORS preflights included, and
   * `recordMetrics` (when METRICS_ENABLED) before it, so the time it measures covers the rest.
   */
  adapter(
    config: NestConfig,
    logRequest: RequestLogger,
    recordMetrics?: RecordMetrics,
  ): AbstractHttpAdapter;
  /** This platform's own settings on the created app, before anything else is mounted. */
  configure(
    app: INestApplication,
    config: NestConfig,
    logRequest: RequestLogger,
    recordMetrics?: RecordMetrics,
  ): void;
  /** Whether `exception` is the router refusing a path it cannot percent-decode (`/tasks/%ZZ`). */
  isUndecodablePath(exception: unknown): boolean;
  /** The route pattern that matched `req`, as declared (`/docs/docs.js`), whatever case was sent. */
  routePath(req: object): string;
  /** The same, for any request once answered: undefined when no route matched it (a 404 or 405). */
  routeTemplate(req: object): string | undefined;
}

/** The Node request under a platform's request: Express's is one, Fastify's holds one as `raw`. */
export function nodeRequest(req: object): IncomingMessage {
  return ('raw' in req ? req.raw : req) as IncomingMessage;
}

/** The Node response under a platform's response: Express's is one, Fastify's reply holds one as `raw`. */
export function nodeResponse(res: object): ServerResponse {
  return ('raw' in res ? res.raw : res) as ServerResponse;
}
