import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  createAjv,
  operations,
  schemaBundle,
  toValidationErrors,
  type OperationId,
} from '../src/index.js';

const bodyAjv = createAjv('body');
const paramsAjv = createAjv('parameters');

function validator(part: 'body' | 'query' | 'params', operationId: OperationId) {
  const schema = operations[operationId][part];
  if (!schema) throw new Error(`${operationId} has no ${part} schema`);
  return (part === 'body' ? bodyAjv : paramsAjv).compile(schema);
}

describe('contract schemas', () => {
  // The servers compile with validateSchema off (see ajvOptions); this is where it is checked instead.
  it('are valid JSON Schema 2020-12, every one of them', () => {
    const metaAjv = new Ajv2020({ strict: false });
    const schemas: [string, unknown][] = [['the bundle', schemaBundle]];
    for (const [id, op] of Object.entries(operations)) {
      for (const part of ['body', 'query', 'params'] as const) {
        if (op[part]) schemas.push([`${id} ${part}`, op[part]]);
      }
      for (const [status, response] of Object.entries(op.responses)) {
        if (response.schema) schemas.push([`${id} ${status}`, response.schema]);
      }
    }
    for (const [what, schema] of schemas) {
      expect(metaAjv.validateSchema(schema as object), `${what}: ${metaAjv.errorsText()}`).toBe(
        true,
      );
    }
    // And the check can fail: a schema that breaks the meta-schema is caught.
    expect(metaAjv.validateSchema({ type: 'object', required: 'title' })).toBe(false);
  });

  it('compile under strict Ajv for every operation and part', () => {
    for (const [id, op] of Object.entries(operations)) {
      for (const part of ['body', 'query', 'params'] as const) {
        if (op[part])
          expect(() => validator(part, id as OperationId), `${id} ${part}`).not.toThrow();
      }
      for (const [status, response] of Object.entries(op.responses)) {
        if (response.schema) {
          expect(() => bodyAjv.compile(response.schema!), `${id} ${status}`).not.toThrow();
        }
      }
    }
  });
});

describe('body validation', () => {
  const createTask = validator('body', 'createTask');

  it('accepts a minimal valid body', () => {
    expect(createTask({ title: 'Write the README' })).toBe(true);
  });

  it('reports every violation with a JSON Pointer, including unknown properties', () => {
    expect(createTask({ title: '', priority: 'urgent', ownerId: 'x' })).toBe(false);
    const errors = toValidationErrors(createTask.errors ?? [], 'body');
    expect(new Set(errors.map((e) => e.pointer))).toEqual(
      new Set(['/ownerId', '/priority', '/title']),
    );
  });

  it('points a missing property at the property itself', () => {
    expect(createTask({})).toBe(false);
    expect(toValidationErrors(createTask.errors ?? [], 'body')).toEqual([
      { pointer: '/title', detail: 'is required' },
    ]);
  });

  it('never coerces body values to the schema type', () => {
    expect(createTask({ title: 42 })).toBe(false);
  });

  it('requires currentPassword alongside a new password', () => {
    const updateMe = validator('body', 'updateMe');
    expect(updateMe({ password: 'a-new-password' })).toBe(false);
    expect(toValidationErrors(updateMe.errors ?? [], 'body')[0]?.pointer).toBe('/currentPassword');
    expect(updateMe({ password: 'a-new-password', currentPassword: 'old-password' })).toBe(true);
  });

  it('rejects a title made only of whitespace', () => {
    expect(createTask({ title: '   ' })).toBe(false);
    expect(toValidationErrors(createTask.errors ?? [], 'body')).toEqual([
      { pointer: '/title', detail: 'must not be blank' },
    ]);
  });
});

describe('query validation', () => {
  const listTasks = validator('query', 'listTasks');

  it('coerces query strings and applies defaults', () => {
    const query: Record<string, unknown> = { limit: '5' };
    expect(listTasks(query)).toBe(true);
    expect(query).toEqual({ limit: 5, sort: '-createdAt' });
  });

  it('names the offending parameter', () => {
    expect(listTasks({ limit: '0', sort: 'owner' })).toBe(false);
    const errors = toValidationErrors(listTasks.errors ?? [], 'query');
    expect(errors.map((e) => e.parameter).sort()).toEqual(['limit', 'sort']);
  });

  it('rejects a malformed id in the path', () => {
    const getTask = validator('params', 'getTask');
    expect(getTask({ id: 'not-a-uuid' })).toBe(false);
    expect(getTask({ id: '0b5bd4a8-8f4c-4c57-9a53-8d7dbd7b0f6e' })).toBe(true);
  });
});

describe('text that PostgreSQL could not store as sent', () => {
  const createTask = validator('body', 'createTask');

  it.each([
    ['a NUL character', 'nul\u0000byte'],
    ['an unpaired surrogate', 'half \ud800 a pair'],
  ])('is refused when it contains %s', (_, title) => {
    expect(createTask({ title })).toBe(false);
    expect(toValidationErrors(createTask.errors ?? [], 'body')).toEqual([
      { pointer: '/title', detail: 'must not contain NUL characters or unpaired surrogates' },
    ]);
    expect(createTask({ title: 'ok', description: title })).toBe(false);
  });

  it('is accepted with characters outside the Basic Multilingual Plane', () => {
    expect(createTask({ title: 'Ship it 🚀', description: '𝄞 and 漢字' })).toBe(true);
  });

  it('is refused in the search text too', () => {
    const listTasks = validator('query', 'listTasks');
    expect(listTasks({ q: 'a\u0000b' })).toBe(false);
    expect(toValidationErrors(listTasks.errors ?? [], 'query')[0]?.parameter).toBe('q');
  });
});

describe('path ids', () => {
  const getTask = validator('params', 'getTask');
  const id = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';

  it('accept a uuid in its hyphenated form, in either case', () => {
    expect([getTask({ id }), getTask({ id: id.toUpperCase() })]).toEqual([true, true]);
  });

  it('refuse the urn:uuid: form, which PostgreSQL would not read', () => {
    expect(getTask({ id: `urn:uuid:${id}` })).toBe(false);
    // Too long for a hyphenated UUID as well (maxLength 36): both are said.
    expect(toValidationErrors(getTask.errors ?? [], 'params')).toContainEqual({
      parameter: 'id',
      detail: 'must match format "uuid"',
    });
  });
});
