import { type DestinationStream, type Logger, pino } from 'pino';
import type { Config } from './config.js';
import { activeTracing } from './tracing.js';

/**
 * Credentials, redacted wherever code might log them by name. Requests and responses never need it: a
 * request's line names its fields one by one (each server's `http/request-logger.ts`), and headers and
 * bodies are not among them.
 *
 * Every path is a top-level key, on purpose: pino then only looks at keys that match. A nested or
 * wildcard path (`req.headers.cookie`, `*.password`) runs the value of its first key, and a leading
 * wildcard every key of every line, `msg` included, through the redactor: that cost 9 µs a line,
 * about a sixth of a whole request. To log something that holds a credential deeper down, add its
 * exact path (`session.refreshToken`), or leave the credential out of what is logged.
 */
export const redactPaths = [
  'password',
  'currentPassword',
  'accessToken',
  'refreshToken',
  'jwtSecret',
];

/**
 * The process's one logger; start tracing first (`startTracing`) for its lines to carry trace ids.
 * Pretty output only for a human at a terminal in development: anywhere else
 * the lines go to a collector that wants one JSON object per line. `destination` is for tests.
 */
export function createLogger(
  config: Pick<Config, 'env' | 'logLevel'>,
  destination?: DestinationStream,
): Logger {
  const tracing = activeTracing();
  const options = {
    level: config.logLevel,
    redact: { paths: redactPaths, censor: '[redacted]' },
    // With tracing on, every line written inside a request names its trace, so a request's line
    // (its request id) leads to its spans and back. Off, nothing is added to any line.
    ...(tracing && { mixin: () => tracing.fields() ?? {} }),
  };
  if (destination) return pino(options, destination);
  if (config.env === 'development' && process.stdout.isTTY) {
    return pino({ ...options, transport: { target: 'pino-pretty' } });
  }
  // Asynchronous writes: a line is queued and written in the background rather than with a blocking
  // write(2) per line, which under load cost more than the request itself. pino flushes what is queued
  // when the process exits; shutdown (shutdown.ts) also flushes before that.
  return pino(options, pino.destination({ dest: 1, sync: false }));
}

/** Resolves once the lines still queued are written: before a process exits on purpose. */
export function flushed(logger: Logger): Promise<unknown> {
  return new Promise((resolve) => logger.flush(resolve));
}
