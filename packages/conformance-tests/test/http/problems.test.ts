import { problemTypes } from '@rosetta/shared-contract';
import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../src/client.js';
import { client, registerUser } from '../support/api.js';

describe('problem details', () => {
  it('carry one type and one title per code, the same each time, and a different type for each code', async () => {
    const alice = await registerUser('problems');
    const responses: ApiResponse[] = await Promise.all([
      client().get('/nowhere'),
      alice.api.get('/tasks/00000000-0000-4000-8000-000000000000'),
      client().get('/users/me'),
      client().delete('/tasks/00000000-0000-4000-8000-000000000000'),
      client({ token: 'garbage' }).get('/users/me'),
      alice.api.post('/tasks', { json: { title: '' } }),
      alice.api.get('/tasks', { query: { limit: 0 } }),
      alice.api.put('/tasks', { json: {} }),
      alice.api.post('/tasks', { body: '{', contentType: 'application/json' }),
      alice.api.post('/tasks', { body: 'x', contentType: 'text/plain' }),
    ]);
    const typeOf = new Map<string, string>();
    const titleOf = new Map<string, string>();
    for (const { body } of responses) {
      expect(typeOf.get(body.code) ?? body.type, `${body.code} has one type`).toBe(body.type);
      expect(titleOf.get(body.code) ?? body.title, `${body.code} has one title`).toBe(body.title);
      typeOf.set(body.code, body.type);
      titleOf.set(body.code, body.title);
      expect(body.status).toBe(problemTypes[body.code as keyof typeof problemTypes].status);
      expect(body.detail.length).toBeGreaterThan(0);
    }
    expect(typeOf.size).toBe(7);
    expect(new Set(typeOf.values()).size, 'no two codes share a type').toBe(typeOf.size);
  });
});
