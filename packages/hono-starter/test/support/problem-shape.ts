import { expect } from 'vitest';
import { type Problem, type ProblemCode, problemTypes } from '@rosetta/shared-contract';

/** Asserts a complete RFC 9457 problem with the contract's status, title and code; returns its body. */
export async function expectProblem(res: Response, code: ProblemCode): Promise<Problem> {
  const { status, title } = problemTypes[code];
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as Problem;
  expect(body).toMatchObject({ status, title, code, type: expect.stringContaining(code) });
  expect(body.detail).toEqual(expect.any(String));
  return body;
}
