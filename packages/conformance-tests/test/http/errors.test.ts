import { operations, type OperationId } from '@rosetta/shared-contract';
import { describe, expect, it } from 'vitest';
import type { RequestOptions } from '../../src/client.js';
import { client, loginAdmin, registerUser } from '../support/api.js';
import { callerFor } from '../support/actors.js';
import { ctx } from '../support/context.js';
import { operationsWithBody, validBodies } from '../support/operations.js';
import { expectInvalidBody, expectProblem } from '../support/problems.js';

const LIMIT = 100 * 1024;

async function send(
  operationId: OperationId,
  options: Pick<RequestOptions, 'body' | 'contentType'>,
) {
  const { api, path } = await callerFor(operationId);
  return api.request(operations[operationId].method, path, options);
}

describe('unknown routes', () => {
  it('answer 404 not_found as a problem', async () => {
    expectProblem(await client().get('/no-such-route'), 404, 'not_found');
    expectProblem(await client().post('/tasks/1/comments', { json: {} }), 404, 'not_found');
  });

  it('answer 404 not_found to a signed-in user too', async () => {
    const alice = await registerUser('errors');
    expectProblem(await alice.api.get('/tasks-archive'), 404, 'not_found');
  });

  it('answer 404 not_found for a path that is not valid percent-encoding, never a 500', async () => {
    const alice = await registerUser('errors');
    for (const path of ['/%ZZ', '/tasks/%ZZ', '/tasks/%E0%A4%A', '/users/%ZZ']) {
      expectProblem(await client().get(path), 404, 'not_found');
      expectProblem(await alice.api.get(path), 404, 'not_found');
    }
  });
});

describe('known paths with a wrong method', () => {
  // Not an operation served only when a setting turns it on (GET /metrics): off, as on this target,
  // its path is as unknown as any other, a 404.
  const paths = [
    ...new Set(
      Object.values(operations)
        .filter((op) => !op.enabledBy)
        .map((op) => op.path),
    ),
  ];

  it.each(paths)(
    'answer 405 method_not_allowed with Allow listing the methods of %s',
    async (template) => {
      const documented = Object.values(operations)
        .filter((op) => op.path === template)
        .map((op) => op.method);
      const method = ['PUT', 'DELETE', 'POST', 'PATCH'].find(
        (m) => !documented.includes(m as never),
      )!;
      // Signed in (as the admin where one is known), so neither 401 nor 403 can be the answer.
      const caller =
        template.startsWith('/users') && ctx.admin
          ? await loginAdmin()
          : await registerUser('errors');
      const path = template.replace('{id}', caller.user.id);
      const res = await caller.api.request(method, path, {
        json: method === 'DELETE' ? undefined : {},
      });
      expectProblem(res, 405, 'method_not_allowed');
      const allow = (res.headers.get('allow') ?? '')
        .split(',')
        .map((m) => m.trim().toUpperCase())
        .filter(Boolean);
      for (const m of documented) expect(allow, `Allow: ${res.headers.get('allow')}`).toContain(m);
      for (const m of allow) expect([...documented, 'HEAD', 'OPTIONS']).toContain(m);
    },
  );
});

for (const id of operationsWithBody) {
  const { method, path } = operations[id];
  // updateUser needs the admin; without one its cases show n/a.
  describe.runIf(id !== 'updateUser' || ctx.admin)(`${method} ${path} request body`, () => {
    it('returns 415 unsupported_media_type for a body that is not JSON', async () => {
      const res = await send(id, {
        body: JSON.stringify(validBodies[id]),
        contentType: 'text/plain',
      });
      expectProblem(res, 415, 'unsupported_media_type');
    });

    it('returns 415 unsupported_media_type for a body without Content-Type', async () => {
      const body = new TextEncoder().encode(JSON.stringify(validBodies[id]));
      expectProblem(await send(id, { body, contentType: null }), 415, 'unsupported_media_type');
    });

    it('returns 400 malformed_json for JSON that does not parse', async () => {
      const res = await send(id, {
        body: '{"title": "unfinished',
        contentType: 'application/json',
      });
      expectProblem(res, 400, 'malformed_json');
    });

    it('returns 400 malformed_json for an empty JSON body', async () => {
      expectProblem(
        await send(id, { body: '', contentType: 'application/json' }),
        400,
        'malformed_json',
      );
    });

    it('returns 413 payload_too_large for a body over 100 kB', async () => {
      const res = await send(id, { body: jsonOfSize(LIMIT + 1), contentType: 'application/json' });
      expectProblem(res, 413, 'payload_too_large');
    });

    it('returns 413 payload_too_large for a chunked body that grows past 100 kB', async () => {
      const res = await send(id, {
        body: inChunks(jsonOfSize(LIMIT + 1), 8 * 1024),
        contentType: 'application/json',
      });
      expectProblem(res, 413, 'payload_too_large');
    });
  });
}

describe('request bodies', () => {
  it('are accepted just under 100 kB: the answer is about the content, not the size', async () => {
    const { api } = await callerFor('createTask');
    const res = await api.post('/tasks', {
      body: jsonOfSize(99 * 1024),
      contentType: 'application/json',
    });
    expectInvalidBody(res, '/description');
  });

  it('are accepted as application/json with a charset parameter', async () => {
    const { api } = await callerFor('createTask');
    const res = await api.post('/tasks', {
      body: JSON.stringify({ title: 'Charset' }),
      contentType: 'application/json; charset=utf-8',
    });
    expect(res.status).toBe(201);
  });

  it('answer 422 validation_failed when the JSON is not an object', async () => {
    const { api } = await callerFor('createTask');
    const res = await api.post('/tasks', { body: '[]', contentType: 'application/json' });
    expectProblem(res, 422, 'validation_failed');
  });
});

/** A JSON object of exactly `bytes` bytes: a title and a long description. */
/** `text` as a stream of `size`-byte chunks: fetch sends it with Transfer-Encoding: chunked. */
function inChunks(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, (offset += size)));
    },
  });
}

function jsonOfSize(bytes: number): string {
  const shell = JSON.stringify({ title: 'Big', description: '' });
  return JSON.stringify({ title: 'Big', description: 'x'.repeat(bytes - shell.length) });
}
