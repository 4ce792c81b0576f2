import { once } from 'node:events';
import { createServer } from 'node:http';
import {
  closeOnSignal,
  gracefulClose,
  listeningUrl,
  startServices,
  startTracing,
} from '@rosetta/runtime';
import { answerClientError } from '@rosetta/shared-contract';
// Tracing first: with OTEL_EXPORTER_OTLP_ENDPOINT set, its instrumentations patch Express as
// it loads, so the app is imported only after it. Unset, nothing of OpenTelemetry is loaded.
await startTracing(process.env, {
  serviceName: 'rosetta-express',
  instrumentations: async () => {
    const { ExpressInstrumentation } = await import('@opentelemetry/instrumentation-express');
    return [new ExpressInstrumentation()];
  },
});
const { buildApp } = await import('./app.js');

// The config (or exit 1 listing every bad key), the logger, Redis and the database with its migrations.
const services = await startServices(process.env);
const { config, logger } = services;

// headersTimeout and requestTimeout cut off slow or hostile clients (slowloris); keepAliveTimeout
// closes idle sockets; connectionsCheckingInterval makes the first two bite promptly. See Config.
const server = createServer(config.serverTimeouts, buildApp(services));
// A request Node cannot parse, or that took too long to arrive, never reaches the app: answer it as a
// problem like every other error (Node's default is a bare status line).
server.on('clientError', answerClientError);
const close = gracefulClose(server);

try {
  server.listen(config.port, config.host);
  await once(server, 'listening');
} catch (error) {
  await services.exit(error, `could not listen on ${config.host}:${config.port}`);
}
logger.info(`listening on ${listeningUrl(config.host, server.address())}`);

// SIGTERM or SIGINT: finish the requests in flight, close the database, exit 0 (see closeOnSignal).
closeOnSignal(services, close);
