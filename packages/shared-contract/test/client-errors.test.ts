import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { answerClientError, clientErrorResponse } from '../src/client-errors.js';

function errorWithCode(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

function parse(raw: string) {
  const [head, body] = raw.split('\r\n\r\n') as [string, string];
  const [statusLine, ...headers] = head.split('\r\n');
  return { statusLine, headers, body: JSON.parse(body) as Record<string, unknown>, raw };
}

describe('clientErrorResponse', () => {
  it('answers a request timeout with a 408 problem and closes the connection', () => {
    const res = parse(clientErrorResponse(errorWithCode('ERR_HTTP_REQUEST_TIMEOUT')));
    expect(res.statusLine).toBe('HTTP/1.1 408 Request timeout');
    expect(res.headers).toContain('Content-Type: application/problem+json');
    expect(res.headers).toContain('Connection: close');
    expect(res.body).toMatchObject({ status: 408, code: 'request_timeout' });
  });

  it('answers oversized headers with 431, and anything else Node cannot parse with 400', () => {
    expect(parse(clientErrorResponse(errorWithCode('HPE_HEADER_OVERFLOW'))).body).toMatchObject({
      status: 431,
      code: 'request_header_fields_too_large',
    });
    expect(parse(clientErrorResponse(errorWithCode('HPE_INVALID_METHOD'))).body).toMatchObject({
      status: 400,
      code: 'bad_request',
    });
  });

  it('gives a Content-Length that matches the body in bytes', () => {
    const raw = clientErrorResponse(errorWithCode('HPE_INVALID_METHOD'));
    const res = parse(raw);
    const length = Number(res.headers.find((h) => h.startsWith('Content-Length: '))!.slice(16));
    expect(length).toBe(Buffer.byteLength(raw.split('\r\n\r\n')[1]!));
  });
});

describe('answerClientError', () => {
  function socket(inFlight?: { headersSent: boolean }) {
    const stream = new PassThrough();
    const written: string[] = [];
    stream.on('data', (chunk: Buffer) => written.push(chunk.toString()));
    Object.assign(stream, { _httpMessage: inFlight });
    return { stream, written };
  }

  it('writes the problem, then destroys the socket', async () => {
    const { stream, written } = socket();
    answerClientError(errorWithCode('ERR_HTTP_REQUEST_TIMEOUT'), stream);
    await new Promise((resolve) => setImmediate(resolve));
    expect(written.join('')).toMatch(/^HTTP\/1\.1 408 /);
    expect(stream.destroyed).toBe(true);
  });

  it('writes nothing on a reset socket, or over a response whose headers have gone', async () => {
    const reset = socket();
    answerClientError(errorWithCode('ECONNRESET'), reset.stream);
    const busy = socket({ headersSent: true });
    answerClientError(errorWithCode('HPE_INVALID_METHOD'), busy.stream);
    await new Promise((resolve) => setImmediate(resolve));
    expect(reset.written).toEqual([]);
    expect(busy.written).toEqual([]);
    expect(reset.stream.destroyed && busy.stream.destroyed).toBe(true);
  });
});
