import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Balancer } from './balancer.js';
import { freePort } from './boot.js';

/** An upstream that answers with its name, the body it received and the X-Forwarded-For it saw. */
async function upstream(name: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-upstream', name);
      res.end(
        JSON.stringify({
          name,
          method: req.method,
          url: req.url,
          body: Buffer.concat(chunks).toString(),
          forwardedFor: req.headers['x-forwarded-for'] ?? null,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function balance(upstreams: string[]) {
  const balancer = new Balancer(upstreams);
  closers.push(() => balancer.close());
  return { balancer, url: await balancer.listen() };
}

async function upstreams(...names: string[]) {
  const started = await Promise.all(names.map(upstream));
  for (const { server } of started) {
    closers.push(() => new Promise((resolve) => server.close(resolve)));
  }
  return started.map((s) => s.url);
}

describe('Balancer', () => {
  it('sends requests to each upstream in turn and counts them', async () => {
    const { balancer, url } = await balance(await upstreams('a', 'b'));
    const names = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${url}/health?i=${i}`);
      names.push(((await res.json()) as { name: string }).name);
    }
    expect(names).toEqual(['a', 'b', 'a', 'b', 'a']);
    expect(await balancer.requestsPerInstance()).toEqual([3, 2]);
  });

  it('forwards method, path, query, body and headers, and returns status and headers', async () => {
    const { url } = await balance(await upstreams('a'));
    const res = await fetch(`${url}/tasks?x=1%202`, {
      method: 'PATCH',
      body: JSON.stringify({ title: 'é'.repeat(50_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-upstream')).toBe('a');
    const seen = (await res.json()) as { method: string; url: string; body: string };
    expect(seen).toMatchObject({ method: 'PATCH', url: '/tasks?x=1%202' });
    expect(JSON.parse(seen.body)).toEqual({ title: 'é'.repeat(50_000) });
  });

  it('appends the peer to X-Forwarded-For, or starts it', async () => {
    const { url } = await balance(await upstreams('a'));
    const claimed = await fetch(url, { headers: { 'x-forwarded-for': '203.0.113.5' } });
    expect(((await claimed.json()) as { forwardedFor: string }).forwardedFor).toBe(
      '203.0.113.5, 127.0.0.1',
    );
    const bare = await fetch(url);
    expect(((await bare.json()) as { forwardedFor: string }).forwardedFor).toBe('127.0.0.1');
  });

  it('answers 502 when an upstream does not answer', async () => {
    const { url } = await balance([`http://127.0.0.1:${await freePort()}`]);
    const res = await fetch(url);
    expect(res.status).toBe(502);
    await res.arrayBuffer();
  });

  it('refuses to balance over nothing', () => {
    expect(() => new Balancer([])).toThrow(/at least one/);
  });
});
