import { describe, expect, it } from 'vitest';
import { checkResponse, documentedPairs, matchRoute, type ObservedResponse } from './contract.js';

function response(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): ObservedResponse {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return { status, text, headers: new Headers(headers) };
}

const json = { 'content-type': 'application/json; charset=utf-8' };
const problemJson = { 'content-type': 'application/problem+json' };
const task = {
  id: '0b4f0d5e-9a1c-4d7e-8f52-7d1c2b3a4e5f',
  title: 'Write',
  description: null,
  status: 'todo',
  priority: 'medium',
  dueDate: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const notFound = {
  type: 'tag:rosetta.dev,2026:problems/not_found',
  title: 'Not found',
  status: 404,
  detail: 'No such route.',
  code: 'not_found',
};

describe('matchRoute', () => {
  it('matches literal paths before templates', () => {
    expect(matchRoute('GET', '/users/me')).toMatchObject({
      kind: 'operation',
      operationId: 'getMe',
    });
    expect(matchRoute('GET', '/users/abc')).toMatchObject({
      kind: 'operation',
      operationId: 'getUser',
      pathParams: { id: 'abc' },
    });
  });

  it('decodes path parameters', () => {
    expect(matchRoute('PATCH', '/tasks/a%20b')).toMatchObject({
      operationId: 'updateTask',
      pathParams: { id: 'a b' },
    });
  });

  it('keeps a parameter that is not valid percent-encoding as sent', () => {
    expect(matchRoute('GET', '/tasks/%ZZ')).toMatchObject({
      operationId: 'getTask',
      pathParams: { id: '%ZZ' },
    });
  });

  it('reports the documented methods of a known path with a wrong method', () => {
    const match = matchRoute('PUT', '/tasks/123');
    expect(match.kind).toBe('method-not-allowed');
    expect(match.kind === 'method-not-allowed' && match.allowed.sort()).toEqual([
      'DELETE',
      'GET',
      'PATCH',
    ]);
  });

  it('knows nothing of unknown paths or extra segments', () => {
    expect(matchRoute('GET', '/nope').kind).toBe('unknown');
    expect(matchRoute('GET', '/tasks/1/2').kind).toBe('unknown');
  });
});

describe('checkResponse', () => {
  const getTask = matchRoute('GET', `/tasks/${task.id}`);

  it('accepts a documented response', () => {
    expect(
      checkResponse(getTask, response(200, task, { ...json, etag: '"1"' })).violations,
    ).toEqual([]);
  });

  it('rejects a 500, though every operation documents one, as the answer to a bug', () => {
    const problem = {
      type: 'tag:rosetta.dev,2026:problems/internal_error',
      title: 'Internal server error',
      status: 500,
      detail: 'An unexpected error occurred. It has been logged.',
      code: 'internal_error',
    };
    const { violations } = checkResponse(getTask, response(500, problem, problemJson));
    expect(violations).toEqual(['status 500: the server failed on a bug (internal_error)']);
  });

  it('rejects an undocumented status', () => {
    const { violations } = checkResponse(getTask, response(502, notFound, problemJson));
    expect(violations.join()).toMatch(/502 is not documented for getTask/);
  });

  it('rejects a leaked field, because response schemas forbid unknown members', () => {
    const { violations } = checkResponse(
      getTask,
      response(200, { ...task, ownerId: 'x' }, { ...json, etag: '"1"' }),
    );
    expect(violations.join()).toMatch(/ownerId/);
  });

  it('rejects a wrong content type', () => {
    const { violations } = checkResponse(
      getTask,
      response(200, task, { 'content-type': 'text/plain', etag: '"1"' }),
    );
    expect(violations.join()).toMatch(/content type text\/plain/);
  });

  it('rejects a missing or malformed required header', () => {
    expect(checkResponse(getTask, response(200, task, json)).violations.join()).toMatch(
      /etag is missing/,
    );
    expect(
      checkResponse(getTask, response(200, task, { ...json, etag: 'W/"1"' })).violations.join(),
    ).toMatch(/etag/);
  });

  it('checks integer headers as integers', () => {
    const login = matchRoute('POST', '/auth/login');
    const limited = { ...notFound, status: 429, code: 'rate_limited' };
    const rateLimit = {
      'ratelimit-limit': '10',
      'ratelimit-remaining': '0',
      'ratelimit-reset': '7',
      'ratelimit-policy': '10;w=60',
    };
    const headers = { ...problemJson, ...rateLimit, 'retry-after': '7' };
    expect(checkResponse(login, response(429, limited, headers)).violations).toEqual([]);
    expect(
      checkResponse(
        login,
        response(429, limited, { ...headers, 'retry-after': 'soon' }),
      ).violations.join(),
    ).toMatch(/retry-after.*not an integer/);
    expect(
      checkResponse(
        login,
        response(429, limited, { ...headers, 'ratelimit-remaining': 'few' }),
      ).violations.join(),
    ).toMatch(/ratelimit-remaining.*not an integer/i);
  });

  it('requires no body where none is documented', () => {
    const deleteTask = matchRoute('DELETE', `/tasks/${task.id}`);
    expect(checkResponse(deleteTask, response(204, undefined)).violations).toEqual([]);
    expect(checkResponse(deleteTask, response(204, '{}')).violations.join()).toMatch(
      /expected no body/,
    );
  });

  it('requires a problem whose status matches the response', () => {
    const unknown = matchRoute('GET', '/nope');
    expect(checkResponse(unknown, response(404, notFound, problemJson)).violations).toEqual([]);
    expect(checkResponse(unknown, response(410, notFound, problemJson)).violations.join()).toMatch(
      /differs/,
    );
    expect(
      checkResponse(unknown, response(404, 'Not Found', { 'content-type': 'text/html' })).violations
        .length,
    ).toBeGreaterThan(0);
  });

  it('rejects a success for a request no operation serves', () => {
    const unknown = matchRoute('GET', '/nope');
    expect(checkResponse(unknown, response(200, notFound, problemJson)).violations.join()).toMatch(
      /status 200/,
    );
  });
});

describe('documentedPairs', () => {
  it('lists every status of every operation once', () => {
    const pairs = documentedPairs();
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(pairs).toContain('getTask 304');
    expect(pairs).toContain('getReadiness 503');
  });
});
