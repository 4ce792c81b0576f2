import { describe, expect, it } from 'vitest';
import {
  allowHeader,
  bearerToken,
  bodyParserFailures,
  failureAnswer,
  failures,
  methodNotAllowed,
  problemAnswer,
  problemTypes,
  refuseEmptyJson,
  requestId,
  UUID_FORMAT,
} from '../src/index.js';

describe('bearerToken', () => {
  it('reads the token of a Bearer header, the scheme in any case, surrounding space ignored', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('  BEARER   abc  ')).toBe('abc');
  });

  it('finds none without a header, in another scheme, or with no or two tokens', () => {
    for (const header of [undefined, '', 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', 'Bearer a b']) {
      expect(bearerToken(header), String(header)).toBeUndefined();
    }
  });
});

describe('requestId', () => {
  it('keeps a short, plain incoming id', () => {
    expect(requestId('req-1.A_b')).toBe('req-1.A_b');
    expect(requestId('x'.repeat(128))).toBe('x'.repeat(128));
  });

  it('makes a new UUID for none, or for one that could forge or bloat a log line', () => {
    for (const incoming of [undefined, '', 'x'.repeat(129), 'a b', 'a\nb', 'id=1', ['a', 'b']]) {
      expect(requestId(incoming), JSON.stringify(incoming)).toMatch(UUID_FORMAT);
    }
    expect(requestId(undefined)).not.toBe(requestId(undefined));
  });
});

describe('allowHeader', () => {
  it('lists the methods in one order, HEAD wherever GET is', () => {
    expect(allowHeader(['DELETE', 'GET', 'PATCH'])).toBe('GET, HEAD, PATCH, DELETE');
    expect(allowHeader(['POST'])).toBe('POST');
    expect(allowHeader(new Set(['HEAD', 'GET', 'GET']))).toBe('GET, HEAD');
  });
});

describe('problemAnswer', () => {
  it('is problem+json with the status and title of its code', () => {
    const answer = problemAnswer('not_found', 'Nothing here.');
    expect(answer.status).toBe(404);
    expect(answer.headers).toEqual({ 'Content-Type': 'application/problem+json' });
    expect(answer.body).toMatchObject({ status: 404, code: 'not_found', detail: 'Nothing here.' });
  });

  it('says how to authenticate on every 401, and why on a rejected token', () => {
    expect(problemAnswer(...failures.missingToken).headers['WWW-Authenticate']).toBe('Bearer');
    expect(problemAnswer('invalid_credentials', 'No.').headers['WWW-Authenticate']).toBe('Bearer');
    expect(problemAnswer('invalid_token', 'Expired.').headers['WWW-Authenticate']).toBe(
      'Bearer error="invalid_token"',
    );
    expect(problemAnswer('forbidden', 'No.').headers).not.toHaveProperty('WWW-Authenticate');
  });

  it('adds the extra members and headers it is given', () => {
    const answer = problemAnswer(
      ...methodNotAllowed('PUT', 'GET, HEAD'),
      {},
      { Allow: 'GET, HEAD' },
    );
    expect(answer.status).toBe(405);
    expect(answer.headers.Allow).toBe('GET, HEAD');
    expect(answer.body.detail).toBe('PUT is not supported here; use GET, HEAD.');
    const checks = problemAnswer(...failures.databaseDown, { checks: { database: 'unavailable' } });
    expect(checks.body.checks).toEqual({ database: 'unavailable' });
  });
});

describe('failureAnswer', () => {
  it('says when to retry, and carries invalid input’s errors', () => {
    const retry = failureAnswer({
      code: 'service_unavailable',
      message: 'Later.',
      retryAfterSeconds: 5,
    });
    expect(retry.status).toBe(503);
    expect(retry.headers['Retry-After']).toBe('5');
    expect(retry.body).not.toHaveProperty('errors');

    const errors = [{ pointer: '/title', detail: 'must be a string' }];
    const invalid = failureAnswer({ code: 'validation_failed', message: 'Bad.', errors });
    expect(invalid.body.errors).toEqual(errors);
    expect(invalid.headers).not.toHaveProperty('Retry-After');
  });
});

describe('failures', () => {
  it('names only the contract’s problem codes, each with a sentence for the client', () => {
    for (const [name, [code, detail]] of Object.entries(failures)) {
      expect(problemTypes, name).toHaveProperty(code);
      expect(detail, name).toMatch(/^[A-Z].*\.$/);
    }
  });
});

describe('body-parser', () => {
  it('fails an empty JSON body as a parse error, and lets any other through', () => {
    let thrown: unknown;
    try {
      refuseEmptyJson(undefined, undefined, Buffer.alloc(0));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SyntaxError);
    expect(bodyParserFailures[(thrown as { type: string }).type]).toBe(failures.malformedJson);
    expect(() => refuseEmptyJson(undefined, undefined, Buffer.from('{}'))).not.toThrow();
  });

  it('maps its size and encoding errors to the contract’s 413 and 415', () => {
    expect(bodyParserFailures['entity.too.large']?.[0]).toBe('payload_too_large');
    expect(bodyParserFailures['encoding.unsupported']?.[0]).toBe('unsupported_media_type');
    expect(bodyParserFailures['request.aborted']?.[0]).toBe('malformed_json');
  });
});
