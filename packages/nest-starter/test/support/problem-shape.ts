import { expect } from 'vitest';
import type { Response } from 'supertest';
import { type ProblemCode, problemTypes } from '@rosetta/shared-contract';

/** Asserts a complete RFC 9457 problem with the contract's status, title and code. */
export function expectProblem(res: Response, code: ProblemCode): void {
  const { status, title } = problemTypes[code];
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, title, code, type: expect.stringContaining(code) });
  expect(res.body.detail).toEqual(expect.any(String));
}
