import type { IncomingMessage } from 'node:http';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { Config } from '@rosetta/domain';

/**
 * How a request appears on a log line: its id, method, URL and the address it came from. No headers,
 * so no credential can reach the line, and it costs the same whatever the client sends; to log one,
 * add it here (`userAgent: req.headers['user-agent']`), and any secret one to `redactPaths`.
 * pino-http hands this the raw request (`wrapSerializers: false` in request-logger.ts), instead of
 * first copying every header into pino's standard shape.
 */
export const serializers = {
  req: (req: IncomingMessage & { id?: unknown; originalUrl?: string }) => ({
    id: req.id,
    method: req.method,
    // Express rewrites req.url inside a router; originalUrl is what the client asked for.
    url: req.originalUrl ?? req.url,
    remoteAddress: req.socket?.remoteAddress,
  }),
  // The status is what matters; our response headers are the same on every line and would double it.
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  err: pino.stdSerializers.err,
};

/**
 * Credentials, redacted wherever our own code might log them by name. Requests and responses never
 * need it: the serializers above are all of either that reaches a line, headers and bodies never do.
 *
 * Every path is a top-level key, on purpose: pino then only looks at keys that match. A nested or
 * wildcard path (`req.headers.cookie`, `*.password`) runs the value of its first key, and a leading
 * wildcard every key of every line, `msg` included, through the redactor: that cost 9 µs a line, a
 * sixth of what a whole request costs here. To log something that holds a credential deeper down,
 * add its exact path (`session.refreshToken`), or a serializer for its key that leaves it out.
 */
export const redactPaths = [
  'password',
  'currentPassword',
  'accessToken',
  'refreshToken',
  'jwtSecret',
];

/**
 * The process's one logger. Pretty output only for a human at a terminal in development: anywhere else
 * the lines go to a collector that wants one JSON object per line.
 */
export function createLogger(
  config: Pick<Config, 'env' | 'logLevel'>,
  destination?: DestinationStream,
): Logger {
  const options = {
    level: config.logLevel,
    serializers,
    redact: { paths: redactPaths, censor: '[redacted]' },
  };
  if (destination) return pino(options, destination);
  if (config.env === 'development' && process.stdout.isTTY) {
    return pino({ ...options, transport: { target: 'pino-pretty' } });
  }
  // Asynchronous writes: a line is queued and written in the background rather than with a blocking
  // write(2) per line, which under load cost more than the request itself. pino flushes what is queued
  // when the process exits; the shutdown path also calls `logger.flush()` before that.
  return pino(options, pino.destination({ dest: 1, sync: false }));
}
