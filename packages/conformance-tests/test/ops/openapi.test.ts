import { openapiDocument } from '@rosetta/shared-contract';
import { describe, expect, it } from 'vitest';
import { client } from '../support/api.js';

describe('GET /openapi.json', () => {
  it('returns 200 with exactly the contract this suite checks against', async () => {
    const res = await client().get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(openapiDocument);
  });
});
