import { describe, expect, it } from 'vitest';
import { client } from '../support/api.js';

describe('GET /health', () => {
  it('returns 200 {"status":"ok"} without authentication', async () => {
    const res = await client().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });
});

describe('GET /health/ready', () => {
  it('returns 200 with the database check ok while the database answers', async () => {
    const res = await client().get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'ok' } });
  });
});
