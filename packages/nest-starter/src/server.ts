import type { Server } from 'node:http';
import {
  closeOnSignal,
  gracefulClose,
  listeningUrl,
  startServices,
  startTracing,
} from '@rosetta/runtime';
import { nestSettings } from './config.js';

// Nest's CLI calls this file main.ts; here it is server.ts, the entry point `npm start` and the
// Dockerfile run (dist/server.js).

// Tracing first: with OTEL_EXPORTER_OTLP_ENDPOINT set, its instrumentations patch Nest (a span per
// controller and handler) and the platform under it (Express's, or Fastify's own @fastify/otel, which
// names the route) as they load, so the app is imported only after it. Unset, nothing of
// OpenTelemetry is loaded.
await startTracing(process.env, {
  serviceName: 'rosetta-nest',
  instrumentations: async () => {
    const [{ NestInstrumentation }, { ExpressInstrumentation }, { FastifyOtelInstrumentation }] =
      await Promise.all([
        import('@opentelemetry/instrumentation-nestjs-core'),
        import('@opentelemetry/instrumentation-express'),
        import('@fastify/otel'),
      ]);
    return [
      new NestInstrumentation(),
      new ExpressInstrumentation(),
      new FastifyOtelInstrumentation({ registerOnInitialization: true }),
    ];
  },
});
const { buildApp } = await import('./app.js');

// The config with NEST_ADAPTER (or exit 1 listing every bad key), the logger, Redis and the database.
const services = await startServices(process.env, nestSettings);
const { config, logger } = services;

const app = await buildApp(services).catch((error: unknown) =>
  services.exit(error, 'could not build the application'),
);

const server = app.getHttpServer() as Server;
// headersTimeout and requestTimeout cut off slow or hostile clients (slowloris); keepAliveTimeout
// closes idle sockets; connectionsCheckingInterval makes the first two bite promptly. See Config.
// Both platforms' adapters create the server before this runs (Express's without options, Fastify's
// with its own defaults), so they are set as properties instead; Node reads each when it needs it, the
// interval when it starts listening.
Object.assign(server, config.serverTimeouts);
// app.close() is Nest's shutdown: it closes the HTTP server, then runs the modules' shutdown hooks
// (DomainModule closes the database, AuthModule Redis).
const close = gracefulClose(server, () => app.close());

try {
  await app.listen(config.port, config.host);
} catch (error) {
  await services.exit(error, `could not listen on ${config.host}:${config.port}`);
}
logger.info(
  `listening on ${listeningUrl(config.host, server.address())} (Nest on ${config.platform})`,
);

// SIGTERM or SIGINT: finish the requests in flight, close the database, exit 0 (see closeOnSignal).
// Rather than Nest's enableShutdownHooks, which ignores a second signal and sets no deadline.
closeOnSignal(services, close);
