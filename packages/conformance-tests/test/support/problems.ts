import { expect } from 'vitest';
import type { ProblemCode } from '@rosetta/shared-contract';
import type { ApiResponse } from '../../src/client.js';

/**
 * The response is the problem the contract names. Content type and schema were already checked by the
 * client; this pins the status and the stable code.
 */
export function expectProblem(res: ApiResponse, status: number, code: ProblemCode): void {
  expect(
    { status: res.status, code: res.body?.code },
    `${res.method} ${res.path}: ${res.text.slice(0, 300)}`,
  ).toEqual({
    status,
    code,
  });
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
}

/** 422 whose `errors` name exactly these body pointers (in any order, duplicates allowed). */
export function expectInvalidBody(res: ApiResponse, ...pointers: string[]): void {
  expectProblem(res, 422, 'validation_failed');
  const errors = res.body.errors as Array<{ pointer?: string; parameter?: string; detail: string }>;
  expect(errors?.length, 'errors[] lists the violations').toBeGreaterThan(0);
  for (const error of errors) expect(error.detail).toEqual(expect.any(String));
  expect(new Set(errors.map((e) => e.pointer))).toEqual(new Set(pointers));
}

/** 422 whose `errors` name exactly these query or path parameters. */
export function expectInvalidParameter(res: ApiResponse, ...parameters: string[]): void {
  expectProblem(res, 422, 'validation_failed');
  const errors = res.body.errors as Array<{ pointer?: string; parameter?: string; detail: string }>;
  expect(errors?.length, 'errors[] lists the violations').toBeGreaterThan(0);
  expect(new Set(errors.map((e) => e.parameter))).toEqual(new Set(parameters));
}

/** Every 401 tells the client how to authenticate. */
export function expectUnauthorized(res: ApiResponse, code: ProblemCode): void {
  expectProblem(res, 401, code);
  expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
}
