import { expect } from 'vitest';
import { schemaRef, type ProblemCode } from '@rosetta/shared-contract';
import { PROBLEM_CONTENT_TYPE, validator } from '../../src/contract.js';
import { slowClient } from './slow-client.js';

/**
 * Sends bytes fetch would never send (a broken request line, oversized headers) over raw TCP, all at
 * once, and returns all the server wrote before it closed the connection.
 */
export async function rawExchange(
  baseUrl: string,
  bytes: string,
  giveUpMs = 10_000,
): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  const host = hostname.replace(/^\[|\]$/g, '');
  const result = await slowClient(Number(port), {
    host,
    head: bytes,
    drip: '',
    intervalMs: 0,
    giveUpMs,
  });
  if (!result.cut) {
    throw new Error(`the connection was still open after ${giveUpMs} ms: ${result.response}`);
  }
  return result.response;
}

/** A raw HTTP/1.1 response is the problem the contract names, whole: status, type, length, schema. */
export function expectRawProblem(raw: string, status: number, code: ProblemCode): void {
  const split = raw.indexOf('\r\n\r\n');
  expect(split, `a complete response: ${JSON.stringify(raw.slice(0, 200))}`).toBeGreaterThan(0);
  const [statusLine, ...fields] = raw.slice(0, split).split('\r\n');
  const body = raw.slice(split + 4);
  const headers = new Map(
    fields.map((f) => [
      f.slice(0, f.indexOf(':')).toLowerCase(),
      f.slice(f.indexOf(':') + 1).trim(),
    ]),
  );
  expect(statusLine).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
  expect(headers.get('content-type')).toMatch(
    new RegExp(`^${PROBLEM_CONTENT_TYPE.replace('+', '\\+')}`),
  );
  expect(Number(headers.get('content-length'))).toBe(Buffer.byteLength(body, 'latin1'));
  const problem = JSON.parse(Buffer.from(body, 'latin1').toString('utf8')) as { code?: string };
  const validate = validator(schemaRef('Problem'));
  expect(validate(problem), JSON.stringify(validate.errors)).toBe(true);
  expect({ status: (problem as { status?: number }).status, code: problem.code }).toEqual({
    status,
    code,
  });
}
