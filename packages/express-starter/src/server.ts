import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectRedis, createDomain } from '@rosetta/domain';
import { answerClientError } from '@rosetta/shared-contract';
import { buildApp } from './app.js';
import { loadConfigOrExit } from './config.js';
import { createLogger } from './logger.js';

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

// headersTimeout and requestTimeout cut off slow or hostile clients (slowloris); keepAliveTimeout
// closes idle sockets; connectionsCheckingInterval makes the first two bite promptly. See Config.
const server = createServer(config.serverTimeouts, buildApp({ config, domain, logger, redis }));
// A request Node cannot parse, or that took too long to arrive, never reaches the app: answer it as a
// problem like every other error (Node's default is a bare status line).
server.on('clientError', answerClientError);

let shuttingDown = false;
// server.close() only stops accepting connections: a keep-alive socket with a request in flight would
// stay open until keepAliveTimeout. Once shutting down, tell clients not to reuse their connection, and
// close each socket as soon as its response has gone. (Prepended: the app may answer synchronously.)
server.prependListener('request', (_req, res) => {
  if (shuttingDown) res.setHeader('Connection', 'close');
  res.on('finish', () => {
    if (shuttingDown) server.closeIdleConnections();
  });
});

try {
  server.listen(config.port, config.host);
  await once(server, 'listening');
} catch (error) {
  logger.fatal({ err: error }, `could not listen on ${config.host}:${config.port}`);
  await domain.close();
  redis?.disconnect();
  process.exit(1);
}
const { port } = server.address() as AddressInfo;
const host = config.host.includes(':') ? `[${config.host}]` : config.host;
logger.info(`listening on http://${host}:${port}`);

// The first signal drains; a second one gets Node's default and ends the process at once.
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  shuttingDown = true;
  logger.info({ signal }, 'shutting down: finishing in-flight requests');
  setTimeout(() => {
    logger.error(`shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting anyway`);
    process.exit(1);
  }, config.shutdownTimeoutMs).unref();

  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  await closed;
  await domain.close();
  // quit() waits for replies still due; with Redis down there are none to wait for.
  await redis?.quit().catch(() => redis.disconnect());
  logger.info('shutdown complete');
  // Log lines are written asynchronously: let the last ones out before the process ends.
  await new Promise<unknown>((resolve) => logger.flush(resolve));
  process.exit(0);
}
