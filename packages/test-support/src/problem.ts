import { expect } from 'vitest';
import { type Problem, type ProblemCode, problemTypes } from '@rosetta/shared-contract';

/** A response as supertest gives it (Express, Nest). */
interface SupertestResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** A response as `inject` gives it (Fastify's light-my-request). */
interface InjectedResponse {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  json(): unknown;
}

/**
 * Asserts a complete RFC 9457 problem with the contract's status, title and code; returns its body.
 * For a supertest or `inject` response; `expectProblemResponse` takes a fetch `Response`.
 */
export function expectProblem(
  res: SupertestResponse | InjectedResponse,
  code: ProblemCode,
): Problem {
  // supertest's response has a statusCode too; only inject's has json().
  return 'json' in res && typeof res.json === 'function'
    ? checkProblem(res.statusCode, res.headers['content-type'], res.json(), code)
    : checkProblem(
        (res as SupertestResponse).status,
        res.headers['content-type'],
        (res as SupertestResponse).body,
        code,
      );
}

/** {@link expectProblem} for a fetch `Response` (Hono's `app.request()`), whose body is read here. */
export async function expectProblemResponse(res: Response, code: ProblemCode): Promise<Problem> {
  return checkProblem(res.status, res.headers.get('content-type'), await res.json(), code);
}

function checkProblem(
  status: number,
  contentType: unknown,
  body: unknown,
  code: ProblemCode,
): Problem {
  const expected = problemTypes[code];
  expect(status).toBe(expected.status);
  expect(contentType).toMatch(/^application\/problem\+json/);
  expect(body).toMatchObject({
    status: expected.status,
    title: expected.title,
    code,
    type: expect.stringContaining(code),
  });
  expect((body as Problem).detail).toEqual(expect.any(String));
  return body as Problem;
}
