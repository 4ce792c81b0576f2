import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freeAddress } from './spawn-server.js';

const listening: Server[] = [];
afterEach(async () => {
  await Promise.all(listening.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function listen(port: number, host: string): Promise<Server> {
  const server = createServer();
  listening.push(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

describe('freeAddress', () => {
  it('gives an address a server can then listen on, below the ports listen(0) hands out', async () => {
    const [floor] =
      process.platform === 'linux'
        ? readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
            .trim()
            .split(/\s+/)
            .map(Number)
        : [32_768];
    for (let i = 0; i < 20; i++) {
      const { host, port, baseUrl } = await freeAddress();
      expect(port).toBeLessThan(floor!);
      expect(baseUrl).toBe(`http://${host}:${port}`);
      if (process.platform === 'linux') expect(host).toMatch(/^127\.\d+\.\d+\.\d+$/);
      await listen(port, host);
    }
  });
});
