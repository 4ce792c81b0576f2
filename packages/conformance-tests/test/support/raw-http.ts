import { connect } from 'node:net';
import { expect } from 'vitest';
import { schemaRef, type ProblemCode } from '@rosetta/shared-contract';
import { PROBLEM_CONTENT_TYPE, validator } from '../../src/contract.js';

/** A raw HTTP/1.1 response is the problem the contract names, whole: status, type, length, schema. */
export function expectRawProblem(raw: string, status: number, code: ProblemCode): void {
  const bytes = Buffer.from(raw, 'latin1');
  const parsed = parseResponse(bytes);
  expect(parsed, `a complete response: ${JSON.stringify(raw.slice(0, 200))}`).toBeDefined();
  // Nothing after the body its Content-Length announces.
  expect(parsed!.length).toBe(bytes.length);
  expectProblemResponse(parsed!.response, status, code);
}

/** A response read off a raw connection is the problem the contract names: status, type, schema. */
export function expectProblemResponse(res: RawResponse, status: number, code: ProblemCode): void {
  expect(res.statusLine).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
  expect(res.headers.get('content-type')).toMatch(
    new RegExp(`^${PROBLEM_CONTENT_TYPE.replace('+', '\\+')}`),
  );
  const problem = JSON.parse(res.body) as { code?: string; status?: number };
  const validate = validator(schemaRef('Problem'));
  expect(validate(problem), JSON.stringify(validate.errors)).toBe(true);
  expect({ status: problem.status, code: problem.code }).toEqual({ status, code });
}

/** One response read off a raw connection. */
export interface RawResponse {
  status: number;
  /** `HTTP/1.1 400 Bad request` */
  statusLine: string;
  headers: Map<string, string>;
  body: string;
}

/** What became of a connection after its first response: reused for a second, or closed. */
export type KeepAliveOutcome =
  | { first: RawResponse; closed: true; second?: undefined }
  | { first: RawResponse; closed: false; second: RawResponse | undefined; failure?: string };

/**
 * Sends `first` on a fresh connection and reads its response. If that response says
 * `Connection: close`, waits for the server to close; otherwise sends `second` on the same connection,
 * as any keep-alive client would, and reads that response too (or says why none came).
 */
export function keepAliveExchange(
  baseUrl: string,
  first: string | Buffer,
  second: string,
  giveUpMs = 30_000,
): Promise<KeepAliveOutcome> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname.replace(/^\[|\]$/g, ''));
    let buffer = Buffer.alloc(0);
    let firstResponse: RawResponse | undefined;
    let settled = false;
    const settle = (outcome: KeepAliveOutcome | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const timer = setTimeout(
      () => settle(new Error(`no complete exchange within ${giveUpMs} ms`)),
      giveUpMs,
    );
    const gone = (why: string) => {
      if (!firstResponse) settle(new Error(`the connection ended before a response: ${why}`));
      else if (firstResponse.headers.get('connection')?.toLowerCase() === 'close')
        settle({ first: firstResponse, closed: true });
      else settle({ first: firstResponse, closed: false, second: undefined, failure: why });
    };
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const parsed = parseResponse(buffer);
      if (!parsed) return;
      buffer = buffer.subarray(parsed.length);
      if (!firstResponse) {
        firstResponse = parsed.response;
        if (firstResponse.headers.get('connection')?.toLowerCase() !== 'close')
          socket.write(second);
      } else {
        settle({ first: firstResponse, closed: false, second: parsed.response });
      }
    });
    socket.on('error', (error) => gone(error.message));
    socket.on('close', () => gone('closed by the server'));
    socket.write(first);
  });
}

/** A whole HTTP/1.1 response with a Content-Length at the start of `bytes`, or undefined if not yet. */
function parseResponse(bytes: Buffer): { response: RawResponse; length: number } | undefined {
  const split = bytes.indexOf('\r\n\r\n');
  if (split < 0) return undefined;
  const [statusLine = '', ...fields] = bytes.subarray(0, split).toString('latin1').split('\r\n');
  const headers = new Map(
    fields.map((f) => [
      f.slice(0, f.indexOf(':')).toLowerCase(),
      f.slice(f.indexOf(':') + 1).trim(),
    ]),
  );
  const length = Number(headers.get('content-length') ?? 0);
  if (bytes.length < split + 4 + length) return undefined;
  return {
    response: {
      status: Number(statusLine.split(' ')[1]),
      statusLine,
      headers,
      body: bytes.subarray(split + 4, split + 4 + length).toString('utf8'),
    },
    length: split + 4 + length,
  };
}
