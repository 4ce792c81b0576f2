import closeWithGrace from 'close-with-grace';
import { connectRedis, createDomain } from '@rosetta/domain';
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

// Fastify creates its Node server in the factory, so the server timeouts are set in buildApp.
const app = buildApp({ config, domain, logger, redis });

try {
  await app.listen({
    port: config.port,
    host: config.host,
    // Fastify logs one line per address it listens on; PORT=0 shows the port it was given.
    listenTextResolver: (address) => `listening on ${address}`,
  });
} catch (error) {
  logger.fatal({ err: error }, `could not listen on ${config.host}:${config.port}`);
  await domain.close();
  redis?.disconnect();
  process.exit(1);
}

// The first signal drains; a second one exits at once, with status 1. close-with-grace also drains on
// an uncaught exception or unhandled rejection, then exits 1.
closeWithGrace(
  {
    delay: config.shutdownTimeoutMs,
    logger,
    onTimeout: () =>
      logger.error(`shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting anyway`),
  },
  async ({ signal, err }) => {
    if (err) logger.error({ err }, 'shutting down after an uncaught error');
    else logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // Stops accepting connections, closes idle keep-alive sockets, lets in-flight requests finish.
    await app.close();
    await domain.close();
    // quit() waits for replies still due; with Redis down there are none to wait for.
    await redis?.quit().catch(() => redis.disconnect());
    logger.info('shutdown complete');
    // Log lines are written asynchronously: let the last ones out before close-with-grace exits.
    await new Promise<unknown>((resolve) => logger.flush(resolve));
  },
);
