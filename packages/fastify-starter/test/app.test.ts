import { request as httpRequest, Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { expectProblem, fakeDomain } from '@rosetta/test-support';
import { testApp } from './support/app.js';

describe('buildApp', () => {
  const { app } = testApp(fakeDomain());

  it('sends security headers and no X-Powered-By', async () => {
    const res = await app.inject({ url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it("sends helmet's whole default set, without upgrade-insecure-requests, on errors too", async () => {
    const helmetDefaults = {
      'content-security-policy': expect.not.stringContaining('upgrade-insecure-requests'),
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    for (const url of ['/health', '/nowhere', '/users/me']) {
      const res = await app.inject({ url });
      expect(res.headers, url).toMatchObject(helmetDefaults);
    }
  });

  it('never answers 304 on its own, whatever the conditional headers', async () => {
    const res = await app.inject({ url: '/health', headers: { 'if-none-match': '*' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBeUndefined();
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('sends no CORS headers when no origins are configured', async () => {
    const res = await app.inject({ url: '/health', headers: { origin: 'https://app.example' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows exactly the configured CORS origins', async () => {
    const { app: corsApp } = testApp(fakeDomain(), { corsOrigins: ['https://app.example'] });
    const allowed = await corsApp.inject({
      url: '/health',
      headers: { origin: 'https://app.example' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(allowed.headers['access-control-expose-headers']).toContain('ETag');
    const other = await corsApp.inject({
      url: '/health',
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a CORS preflight for every method the API uses', async () => {
    const { app: corsApp } = testApp(fakeDomain(), { corsOrigins: ['https://app.example'] });
    const res = await corsApp.inject({
      method: 'OPTIONS',
      url: '/tasks/3f1d7b6e-2c4a-4e8b-9a1f-5d6c7b8a9e0f',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'PATCH' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-methods']).toContain('PATCH');
  });
});

describe('GET /health/ready', () => {
  it('answers 200 with the database check while the database answers', async () => {
    const res = await testApp(fakeDomain()).app.inject({ url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', checks: { database: 'ok' } });
  });

  it('answers a 503 problem naming the database when it does not', async () => {
    const { app } = testApp(fakeDomain({ health: { isDatabaseReady: async () => false } }));
    const res = await app.inject({ url: '/health/ready' });
    expectProblem(res, 'service_unavailable');
    expect(res.json().checks).toEqual({ database: 'unavailable' });
  });
});

describe('docs', () => {
  const { app } = testApp(fakeDomain());

  it('serves the OpenAPI document as JSON, whole', async () => {
    const res = await app.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toMatch(/^3\.1\./);
    expect(res.json().components.schemas.Task).toBeDefined();
  });

  it('serves the reference page and the assets it loads', async () => {
    const page = await app.inject({ url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const css = await app.inject({ url: '/docs/swagger-ui.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answers 404 for any other file under /docs', async () => {
    expectProblem(await app.inject({ url: '/docs/index.html' }), 'not_found');
    expectProblem(await app.inject({ url: '/docs/../package.json' }), 'not_found');
  });
});

describe('app.close()', () => {
  it('lets a request in flight finish, then ends its keep-alive socket instead of waiting for it', async () => {
    let arrived!: () => void;
    let release!: () => void;
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const { app } = testApp(
      fakeDomain({
        health: {
          isDatabaseReady: async () => {
            arrived();
            await released;
            return true;
          },
        },
      }),
    );
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const agent = new Agent({ keepAlive: true });
    const response = new Promise<{ status?: number; connection?: string }>((resolve, reject) => {
      httpRequest(`${url}/health/ready`, { agent }, (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode, connection: res.headers.connection }),
        );
      })
        .on('error', reject)
        .end();
    });

    await inFlight;
    const closed = app.close();
    while (app.server.listening) await sleep(10);
    release();

    expect(await response).toEqual({ status: 200, connection: 'close' });
    // Fastify's default keepAliveTimeout is 72 s: a kept socket would hold close() up that long. 20 s
    // tells the two apart with room for a busy machine.
    const outcome = await Promise.race([closed.then(() => 'closed'), sleep(20_000, 'stuck')]);
    expect(outcome).toBe('closed');
    agent.destroy();
  });
});
