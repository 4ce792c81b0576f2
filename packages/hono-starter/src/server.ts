import { once } from 'node:events';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import {
  closeOnSignal,
  gracefulClose,
  listeningUrl,
  startServices,
  startTracing,
} from '@rosetta/runtime';
import { answerClientError } from '@rosetta/shared-contract';
// Tracing first: with OTEL_EXPORTER_OTLP_ENDPOINT set, Node's HTTP server and pg are instrumented
// before the app loads, so it is imported only after. Hono has no instrumentation of its own that
// leaves the SERVER span to Node's (@hono/otel makes a second one), so the app names the route
// itself (http/tracing.ts). Unset, nothing of OpenTelemetry is loaded.
await startTracing(process.env, { serviceName: 'rosetta-hono' });
const { buildApp } = await import('./app.js');

// The config (or exit 1 listing every bad key), the logger, Redis and the database with its migrations.
const services = await startServices(process.env);
const { config, logger } = services;

// The app is a fetch handler, (Request) => Response; @hono/node-server adapts it to a Node
// http.Server and starts listening. Everything below is about that Node server, not about Hono.
const server = serve({
  fetch: buildApp(services).fetch,
  port: config.port,
  hostname: config.host,
  // Passed to http.createServer: headersTimeout and requestTimeout cut off slow or hostile clients
  // (slowloris); keepAliveTimeout closes idle sockets; connectionsCheckingInterval makes the first two
  // bite promptly. See Config.
  serverOptions: config.serverTimeouts,
}) as Server;
// A request Node cannot parse, or that took too long to arrive, never reaches the app: answer it as a
// problem like every other error (Node's default is a bare status line).
server.on('clientError', answerClientError);
// Before any request arrives: serve() has begun listening, but nothing is served before this runs.
const close = gracefulClose(server);

try {
  await once(server, 'listening');
} catch (error) {
  await services.exit(error, `could not listen on ${config.host}:${config.port}`);
}
logger.info(`listening on ${listeningUrl(config.host, server.address())}`);

// SIGTERM or SIGINT: finish the requests in flight, close the database, exit 0 (see closeOnSignal).
closeOnSignal(services, close);
