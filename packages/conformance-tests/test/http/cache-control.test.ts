import { operations } from '@rosetta/shared-contract';
import { describe, expect, it } from 'vitest';
import { client, registerUser } from '../support/api.js';
import { label, operationIds, pathOf, validBodies } from '../support/operations.js';

/** The operations under /auth and /users: their answers carry tokens or personal data. */
const personal = operationIds.filter((id) => /^\/(auth|users)(\/|$)/.test(operations[id].path));

describe('Cache-Control: no-store', () => {
  it.each(personal.map((id) => [label(id), id] as const))(
    'is on the answer a signed-in user gets to %s, whatever its status',
    async (_, id) => {
      const alice = await registerUser('no-store');
      const res = await alice.api.request(operations[id].method, pathOf(id, alice.user.id), {
        json: validBodies[id],
      });
      expect(res.headers.get('cache-control'), `${label(id)}: ${res.status}`).toBe('no-store');
    },
  );

  it.each(
    personal.filter((id) => operations[id].authenticated).map((id) => [label(id), id] as const),
  )('is on the 401 answer to %s without a token', async (_, id) => {
    const res = await client().request(operations[id].method, pathOf(id), {
      json: validBodies[id],
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
