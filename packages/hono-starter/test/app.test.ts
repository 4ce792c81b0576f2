import { describe, expect, it } from 'vitest';
import { expectProblemResponse, fakeDomain } from '@rosetta/test-support';
import { testApp } from './support/app.js';

describe('buildApp', () => {
  const { app } = testApp(fakeDomain());

  it('sends security headers and no X-Powered-By', async () => {
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-type')).toBe('application/json');
  });

  it('never answers 304 on its own, whatever the conditional headers', async () => {
    const res = await app.request('/health', { headers: { 'If-None-Match': '*' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeNull();
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('sends no CORS headers when no origins are configured', async () => {
    const res = await app.request('/health', { headers: { Origin: 'https://app.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows exactly the configured CORS origins', async () => {
    const { app: corsApp } = testApp(fakeDomain(), { corsOrigins: ['https://app.example'] });
    const allowed = await corsApp.request('/health', {
      headers: { Origin: 'https://app.example' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('ETag');
    const other = await corsApp.request('/health', { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a CORS preflight from an allowed origin before routing', async () => {
    const { app: corsApp } = testApp(fakeDomain(), { corsOrigins: ['https://app.example'] });
    const res = await corsApp.request('/tasks', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
  });
});

describe('GET /health/ready', () => {
  it('answers 200 with the database check while the database answers', async () => {
    const res = await testApp(fakeDomain()).app.request('/health/ready');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { database: 'ok' } });
  });

  it('answers a 503 problem naming the database when it does not', async () => {
    const { app } = testApp(fakeDomain({ health: { isDatabaseReady: async () => false } }));
    const body = await expectProblemResponse(
      await app.request('/health/ready'),
      'service_unavailable',
    );
    expect(body.checks).toEqual({ database: 'unavailable' });
  });
});

describe('docs', () => {
  const { app } = testApp(fakeDomain());

  it('serves the OpenAPI document as JSON', async () => {
    const res = await app.request('/openapi.json');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { openapi: string }).openapi).toMatch(/^3\.1\./);
  });

  it('serves the reference page and the assets it loads', async () => {
    const page = await app.request('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    const css = await app.request('/docs/swagger-ui.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await css.text()).length).toBeGreaterThan(0);
  });

  it('answers 404 for any other file under /docs', async () => {
    await expectProblemResponse(await app.request('/docs/index.html'), 'not_found');
    await expectProblemResponse(await app.request('/docs/../package.json'), 'not_found');
  });
});
