import { closeOnSignal, startServices, startTracing } from '@rosetta/runtime';

// Tracing first: with OTEL_EXPORTER_OTLP_ENDPOINT set, Fastify's own instrumentation (@fastify/otel)
// joins every Fastify instance as it is made, so the app is imported only after it. Unset, nothing of
// OpenTelemetry is loaded.
await startTracing(process.env, {
  serviceName: 'rosetta-fastify',
  instrumentations: async () => {
    const { FastifyOtelInstrumentation } = await import('@fastify/otel');
    return [new FastifyOtelInstrumentation({ registerOnInitialization: true })];
  },
});
const { buildApp } = await import('./app.js');

// The config (or exit 1 listing every bad key), the logger, Redis and the database with its migrations.
const services = await startServices(process.env);
const { config } = services;

// Fastify creates its Node server in the factory, so the server timeouts are set in buildApp.
const app = buildApp(services);

try {
  await app.listen({
    port: config.port,
    host: config.host,
    // Fastify logs one line per address it listens on; PORT=0 shows the port it was given.
    listenTextResolver: (address) => `listening on ${address}`,
  });
} catch (error) {
  await services.exit(error, `could not listen on ${config.host}:${config.port}`);
}

// SIGTERM or SIGINT: finish the requests in flight, close the database, exit 0 (see closeOnSignal).
// app.close() stops accepting connections, closes idle keep-alive sockets and waits for the rest.
closeOnSignal(services, () => app.close());
