import { describe, expect, it } from 'vitest';
import { connectRedis } from '../src/index.js';
import { closedPort } from './support/closed-port.js';

function recordingLogger() {
  const lines: string[] = [];
  return {
    lines,
    info: (m: string) => lines.push(m),
    warn: (m: string) => lines.push(`warn: ${m}`),
  };
}

describe('connectRedis', () => {
  it.runIf(process.env.TEST_REDIS_URL)('connects to a reachable Redis', async () => {
    const redis = await connectRedis(process.env.TEST_REDIS_URL!, recordingLogger());
    try {
      expect(await redis.ping()).toBe('PONG');
    } finally {
      await redis.quit();
    }
  });

  it('starts without an unreachable Redis, warns once, and fails commands at once', async () => {
    const logger = recordingLogger();
    const redis = await connectRedis(`redis://127.0.0.1:${await closedPort()}`, logger);
    try {
      await expect(redis.incr('rosetta-test')).rejects.toThrow();
      expect(logger.lines.filter((l) => l.startsWith('warn: Redis is unreachable'))).toHaveLength(
        1,
      );
    } finally {
      redis.disconnect();
    }
  });
});
