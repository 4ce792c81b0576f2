import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { expectProblem, fakeDomain } from '@rosetta/test-support';
import { testApp } from './support/app.js';

describe('buildApp', () => {
  const { app } = testApp(fakeDomain());

  it('sends security headers and no X-Powered-By', async () => {
    const res = await request(app).get('/health');
    expect(res.status).toBe(200);
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('never answers 304 on its own, whatever the conditional headers', async () => {
    const res = await request(app).get('/health').set('If-None-Match', '*');
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBeUndefined();
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('sends no CORS headers when no origins are configured', async () => {
    const res = await request(app).get('/health').set('Origin', 'https://app.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows exactly the configured CORS origins', async () => {
    const { app: corsApp } = testApp(fakeDomain(), { corsOrigins: ['https://app.example'] });
    const allowed = await request(corsApp).get('/health').set('Origin', 'https://app.example');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(allowed.headers['access-control-expose-headers']).toContain('ETag');
    const other = await request(corsApp).get('/health').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('GET /health/ready', () => {
  it('answers 200 with the database check while the database answers', async () => {
    const res = await request(testApp(fakeDomain()).app).get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'ok' } });
  });

  it('answers a 503 problem naming the database when it does not', async () => {
    const { app } = testApp(fakeDomain({ health: { isDatabaseReady: async () => false } }));
    const res = await request(app).get('/health/ready');
    expectProblem(res, 'service_unavailable');
    expect(res.body.checks).toEqual({ database: 'unavailable' });
  });
});

describe('docs', () => {
  const { app } = testApp(fakeDomain());

  it('serves the OpenAPI document as JSON', async () => {
    const res = await request(app).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\.1\./);
  });

  it('serves the reference page and the assets it loads', async () => {
    const page = await request(app).get('/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const css = await request(app).get('/docs/swagger-ui.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answers 404 for any other file under /docs', async () => {
    expectProblem(await request(app).get('/docs/index.html'), 'not_found');
    expectProblem(await request(app).get('/docs/../package.json'), 'not_found');
  });
});
