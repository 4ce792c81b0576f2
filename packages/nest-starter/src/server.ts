import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectRedis, createDomain } from '@rosetta/domain';
import { buildApp } from './app.js';
import { loadConfigOrExit } from './config.js';
import { createLogger } from './logger.js';

// Nest's CLI calls this file main.ts; here it keeps the name every starter's start contract runs.
const config = loadConfigOrExit(process.env);
const logger = createLogger(config);
if (config.jwtSecretGenerated) {
  logger.warn(
    'JWT_SECRET is not set: signing tokens with a random secret, so they stop working on restart',
  );
}

// Before the domain, which counts sign-in attempts per account in it too.
const redis = config.redisUrl
  ? await connectRedis(config.redisUrl, logger.child({ component: 'redis' }))
  : undefined;

const domain = await createDomain({
  databaseUrl: config.databaseUrl,
  poolSize: config.databasePoolSize,
  statementTimeoutMs: config.databaseStatementTimeoutMs,
  embeddedDataDir: config.pgliteDataDir,
  jwtSecret: config.jwtSecret,
  sessionMaxAgeSeconds: config.sessionMaxAgeSeconds,
  accountRateLimit: config.accountRateLimit,
  redis,
  admin: config.admin,
  logger: logger.child({ component: 'domain' }),
}).catch((error: unknown) => {
  logger.fatal({ err: error }, 'could not open and prepare the database');
  process.exit(1);
});

const app = await buildApp({ config, domain, logger, redis }).catch(async (error: unknown) => {
  logger.fatal({ err: error }, 'could not build the application');
  await domain.close();
  redis?.disconnect();
  process.exit(1);
});

const server = app.getHttpServer() as Server;
// headersTimeout and requestTimeout cut off slow or hostile clients (slowloris); keepAliveTimeout
// closes idle sockets; connectionsCheckingInterval makes the first two bite promptly. See Config.
// Both platforms' adapters create the server before this runs (Express's without options, Fastify's
// with its own defaults), so they are set as properties instead; Node reads each when it needs it, the
// interval when it starts listening.
Object.assign(server, config.serverTimeouts);

let shuttingDown = false;
// Nest's shutdown closes the server, which only stops accepting connections: a keep-alive socket with a
// request in flight would stay open until keepAliveTimeout. Once shutting down, tell clients not to
// reuse their connection, and close each socket as soon as its response has gone. (Prepended: the app
// may answer synchronously.)
// (One shared listener function rather than a closure per request: this runs on every request.)
const closeIfDraining = () => {
  if (shuttingDown) server.closeIdleConnections();
};
server.prependListener('request', (_req, res) => {
  if (shuttingDown) res.setHeader('Connection', 'close');
  res.on('finish', closeIfDraining);
});

// Nest runs the shutdown on SIGTERM/SIGINT: it closes the HTTP server and waits for in-flight requests,
// calls onApplicationShutdown (DomainModule closes the database), then exits 0 (`useProcessExit`; by
// default it would re-raise the signal, and exit 143). Our listener, registered first, adds what Nest
// lacks: the drain flag above, a deadline, and a second signal that does not wait.
const signals = ['SIGTERM', 'SIGINT'] as const;
for (const signal of signals) process.on(signal, startShutdown);
app.enableShutdownHooks([...signals], { useProcessExit: true });

try {
  await app.listen(config.port, config.host);
} catch (error) {
  logger.fatal({ err: error }, `could not listen on ${config.host}:${config.port}`);
  await app.close();
  process.exit(1);
}
const { port } = server.address() as AddressInfo;
const host = config.host.includes(':') ? `[${config.host}]` : config.host;
logger.info(`listening on http://${host}:${port} (Nest on ${config.platform})`);

function startShutdown(signal: NodeJS.Signals): void {
  if (shuttingDown) {
    // Nest ignores repeated signals while it drains; a second Ctrl-C means "now".
    logger.warn({ signal }, 'second signal: exiting without finishing in-flight requests');
    process.exit(1);
  }
  shuttingDown = true;
  logger.info({ signal }, 'shutting down: finishing in-flight requests');
  setTimeout(() => {
    logger.error(`shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting anyway`);
    process.exit(1);
  }, config.shutdownTimeoutMs).unref();
}
