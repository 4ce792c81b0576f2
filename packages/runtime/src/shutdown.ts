import type { Server } from 'node:http';
import closeWithGrace from 'close-with-grace';
import { flushed } from './logger.js';
import type { Services } from './services.js';

/**
 * Drains on SIGTERM or SIGINT, then exits 0: `closeHttp` stops taking connections and waits for the
 * requests in flight, then the database and Redis close and the last log lines are written. A second
 * signal exits 1 at once, and so does a drain still running after SHUTDOWN_TIMEOUT_MS. An uncaught
 * exception or unhandled rejection drains the same way, then exits 1.
 */
export function closeOnSignal(
  { config, logger, close }: Pick<Services, 'config' | 'logger' | 'close'>,
  closeHttp: () => Promise<unknown>,
): void {
  closeWithGrace(
    {
      delay: config.shutdownTimeoutMs,
      logger,
      onTimeout: () =>
        logger.error(`shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting anyway`),
      onSecondSignal: (signal) =>
        logger.warn({ signal }, 'second signal: exiting without finishing in-flight requests'),
    },
    async ({ signal, err }) => {
      if (err) logger.error({ err }, 'shutting down after an uncaught error');
      else logger.info({ signal }, 'shutting down: finishing in-flight requests');
      await closeHttp();
      await close();
      logger.info('shutdown complete');
      // Lines are written asynchronously: let the last ones out before close-with-grace exits.
      await flushed(logger);
    },
  );
}

/**
 * How to close a Node HTTP server without cutting off a request in flight. `server.close()` only stops
 * accepting connections: a keep-alive socket would stay open until keepAliveTimeout after its request
 * was answered. So once closing, responses tell clients not to reuse their connection, and each socket
 * closes as soon as its response has gone. `close` closes the server, by default `server.close()`; a
 * framework that owns the server passes its own. Call this before the server listens.
 */
export function gracefulClose(
  server: Server,
  close: () => Promise<unknown> = () => new Promise((resolve) => server.close(resolve)),
): () => Promise<unknown> {
  let closing = false;
  // One shared function rather than a closure per request: this runs on every request.
  const closeIfClosing = () => {
    if (closing) server.closeIdleConnections();
  };
  // Prepended: the app may answer synchronously, before a later listener would run.
  server.prependListener('request', (_req, res) => {
    if (closing) res.setHeader('Connection', 'close');
    res.on('finish', closeIfClosing);
  });
  return () => {
    closing = true;
    const closed = close();
    server.closeIdleConnections();
    return closed;
  };
}
