import { type DestinationStream, type Logger, pino } from 'pino';
import type { Config } from '@rosetta/domain';

/**
 * Everything that can carry a credential, wherever pino-http or our own code might log it. Pino's
 * wildcards match one level only, hence both the top-level and the nested forms.
 */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'password',
  'currentPassword',
  'accessToken',
  'refreshToken',
  'jwtSecret',
  '*.password',
  '*.currentPassword',
  '*.accessToken',
  '*.refreshToken',
  '*.jwtSecret',
];

/**
 * The process's one logger. Pretty output only for a human at a terminal in development: anywhere else
 * the lines go to a collector that wants one JSON object per line.
 */
export function createLogger(
  config: Pick<Config, 'env' | 'logLevel'>,
  destination?: DestinationStream,
): Logger {
  const options = { level: config.logLevel, redact: { paths: redactPaths, censor: '[redacted]' } };
  if (destination) return pino(options, destination);
  if (config.env === 'development' && process.stdout.isTTY) {
    return pino({ ...options, transport: { target: 'pino-pretty' } });
  }
  return pino(options);
}
