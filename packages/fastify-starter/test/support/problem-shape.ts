import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { type ProblemCode, problemTypes } from '@rosetta/shared-contract';

/** Asserts a complete RFC 9457 problem with the contract's status, title and code. */
export function expectProblem(res: LightMyRequestResponse, code: ProblemCode): void {
  const { status, title } = problemTypes[code];
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ status, title, code, type: expect.stringContaining(code) });
  expect(body.detail).toEqual(expect.any(String));
}
