import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import {
  operations,
  schemaBundle,
  type JsonSchema,
  type OperationId,
} from '@rosetta/shared-contract';
import { dateTime, invalidValue, isValid, validValue } from './arbitraries.js';
import { BODY_LIMIT, hostileKeys, hostileStrings, malformedBodies } from './hostile.js';

/**
 * Whole requests for the fuzzing group: a body as the bytes sent (so duplicate keys, deep nesting,
 * invalid UTF-8 and oversize bodies can be sent at all), query pairs as sent (so names can repeat),
 * and a path id. `expectedRejection` says what the contract makes of each, before any domain rule.
 */

/** A body exactly as sent, and how to show it in a failure. */
export interface RawBody {
  why: string;
  bytes: Uint8Array;
}

export interface FuzzRequest {
  /** The part made hostile, and how; `valid` for a valid request. */
  why: string;
  /** The `{id}` path parameter, before percent-encoding. */
  id?: string;
  query?: Array<[string, string]>;
  body?: RawBody;
}

const utf8 = new TextEncoder();
// Replaces bytes that are not UTF-8 with U+FFFD, as every server's body and query decoding does.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** A body, shown in fast-check's counterexamples as its text rather than a list of bytes. */
function rawBody(why: string, bytes: Uint8Array): RawBody {
  const shown = decoder.decode(bytes);
  return Object.assign(
    { why, bytes },
    {
      [fc.toStringMethod]: () =>
        `${why} (${bytes.length} bytes): ${JSON.stringify(shown.length > 300 ? `${shown.slice(0, 300)}…` : shown)}`,
    },
  );
}
const text = (why: string, body: string): RawBody => rawBody(why, utf8.encode(body));

/** JSON as a client's serializer writes it; lone surrogates come out escaped (`\ud800`). */
export const jsonBody = (why: string, value: unknown): RawBody => text(why, JSON.stringify(value));

/** Bodies the operation's schema accepts. */
export function validBody(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  return validValue(schema) as fc.Arbitrary<Record<string, unknown>>;
}

/**
 * Bodies that break the schema or JSON itself, or play tricks a parser must get right: each one's
 * expected answer comes from `expectedRejection`, not from how it was made.
 */
export function hostileBody(schema: JsonSchema): fc.Arbitrary<RawBody> {
  const valid = validBody(schema);
  const firstKey = (object: Record<string, unknown>) => Object.keys(object)[0] ?? 'title';
  return fc.oneof(
    { weight: 6, arbitrary: invalidValue(schema).map((bad) => jsonBody(bad.why, bad.value)) },
    fc.constantFrom(...malformedBodies).map((body) => text('malformed JSON', body)),
    // Duplicate keys: JSON.parse keeps the last, and so must every server, before validation.
    fc
      .tuple(valid, fc.constantFrom(...hostileStrings, 'admin', null), fc.boolean())
      .map(([object, other, last]) => {
        const key = firstKey(object);
        const json = JSON.stringify(object);
        const duplicate = `${JSON.stringify(key)}:${JSON.stringify(other)}`;
        return last
          ? text(`duplicate ${key}, hostile last`, json.replace(/\}$/, `,${duplicate}}`))
          : text(`duplicate ${key}, hostile first`, json.replace(/^\{/, `{${duplicate},`));
      }),
    // Prototype keys as raw JSON text, which a JavaScript object literal cannot even express.
    fc
      .tuple(valid, fc.constantFrom(...hostileKeys.slice(0, 3)))
      .map(([object, key]) =>
        text(
          `${key} key`,
          JSON.stringify(object).replace(/^\{/, `{"${key}":{"role":"admin","isAdmin":true},`),
        ),
      ),
    // At and past the size limit, and deeply nested inside it.
    fc.tuple(valid, fc.constantFrom(-1, 0, 1)).map(([object, delta]) => {
      const key = firstKey(object);
      const json = JSON.stringify({ ...object, [key]: '' });
      const fill = 'x'.repeat(BODY_LIMIT + delta - utf8.encode(json).length);
      return text(`${BODY_LIMIT + delta} bytes`, json.replace(`"${key}":""`, `"${key}":"${fill}"`));
    }),
    fc
      .tuple(valid, fc.constantFrom(10_000, 45_000))
      .map(([object, depth]) =>
        text(
          `nested ${depth} deep`,
          JSON.stringify(object).replace(
            /^\{/,
            `{"nested":${'['.repeat(depth)}${']'.repeat(depth)},`,
          ),
        ),
      ),
    // Bytes that are not UTF-8 inside a string: servers decode them to U+FFFD, as WHATWG does.
    valid.map((object) => {
      const key = firstKey(object);
      const [before, after] = JSON.stringify({ ...object, [key]: 'a\u0001b' }).split('\\u0001');
      return rawBody(
        'invalid UTF-8 in a string',
        new Uint8Array([...utf8.encode(before), 0xff, 0xed, 0xa0, 0x80, ...utf8.encode(after)]),
      );
    }),
  );
}

/** Query pairs the schema accepts, some with unknown (ignored) names. */
export function validQuery(schema: JsonSchema): fc.Arbitrary<Array<[string, string]>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const known = fc.record(
    Object.fromEntries(
      Object.entries(properties).map(([name, s]) => [name, validValue(s).map(String)]),
    ),
    { requiredKeys: [] },
  );
  return fc
    .tuple(known, fc.option(unknownPair, { nil: undefined }))
    .map(([values, extra]) => [
      ...Object.entries(values).map(([k, v]) => [k, v] as [string, string]),
      ...(extra ? [extra] : []),
    ]);
}

const unknownPair: fc.Arbitrary<[string, string]> = fc.tuple(
  fc.constantFrom(...hostileKeys.filter(Boolean), 'utm_source', 'q[$ne]'),
  fc.constantFrom(...hostileStrings.filter((s) => !/[\uD800-\uDFFF]/.test(s))),
);

/**
 * The longest query value sent, percent-encoded (at most three characters a byte; a lone surrogate
 * cannot be encoded at all, so it is counted, not encoded): half of Node's 16 KiB limit on headers.
 */
const MAX_QUERY_VALUE = 8 * 1024;

/** Query pairs with one parameter invalid or repeated, or a hostile unknown name. */
export function hostileQuery(schema: JsonSchema): fc.Arbitrary<Array<[string, string]>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const names = Object.keys(properties);
  if (names.length === 0) return fc.array(unknownPair, { minLength: 1, maxLength: 3 });
  return fc.oneof(
    fc.constantFrom(...names).chain((name) =>
      invalidValue(properties[name]!)
        .filter((bad) => typeof bad.value !== 'object' || bad.value === null)
        // A value too long for a request line never reaches an operation: Node answers 431 first
        // (16 KiB of headers at most), which the contract documents once, for every path.
        .filter((bad) => Buffer.byteLength(String(bad.value)) * 3 <= MAX_QUERY_VALUE)
        .map((bad) => [[name, String(bad.value)]] as Array<[string, string]>),
    ),
    fc.constantFrom(...names).chain((name) =>
      fc.tuple(validValue(properties[name]!), validValue(properties[name]!)).map(
        ([a, b]) =>
          [
            [name, String(a)],
            [name, String(b)],
          ] as Array<[string, string]>,
      ),
    ),
    fc.array(unknownPair, { minLength: 1, maxLength: 3 }),
    ...(names.includes('cursor')
      ? [
          fc
            .tuple(forgedCursor, fc.option(validValue(properties.sort ?? { const: 'x' })))
            .map(([cursor, sort]) => [
              ['cursor', cursor] as [string, string],
              ...(sort !== null && properties.sort
                ? [['sort', String(sort)] as [string, string]]
                : []),
            ]),
        ]
      : []),
  );
}

/**
 * Cursors shaped like the ones a listing issues (base64url JSON of sort, value and id) with values a
 * client made up: injection strings, NUL bytes, lone surrogates, instants past every bound, wrong
 * types. A server may take one whose value it can compare (200) or refuse it (422); never a 500.
 */
export const forgedCursor: fc.Arbitrary<string> = fc
  .record({
    s: fc.constantFrom('createdAt', '-createdAt', 'dueDate', '-dueDate', 'priority', 'title', ''),
    v: fc.oneof(
      fc.constantFrom(...hostileStrings, null, 0, -1, 1e308, true, {}, [], 'low', 'x'.repeat(201)),
      // The ends of the instants a cursor of ours can hold.
      fc.constantFrom('0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z'),
      dateTime(true),
      dateTime(false),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    ),
    id: fc.oneof(fc.uuid(), fc.constantFrom(...hostileStrings)),
  })
  .map((cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url'))
  .filter((cursor) => cursor.length <= 512);

/** Whether a cursor decodes to a JSON object, as a forged one does; anything else is plain garbage. */
export function isForgedCursor(cursor: string): boolean {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Path ids that are not uuids, or not even decodable. `.` and `..` would be resolved away by the URL. */
export const hostileId: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(...hostileStrings),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
    invalidValue({ type: 'string', format: 'uuid' }).map((bad) =>
      typeof bad.value === 'string' ? bad.value : JSON.stringify(bad.value),
    ),
  )
  .filter((id) => id !== '' && !/^\.{1,2}$/.test(id));

/**
 * Percent-encodes every byte outside RFC 3986's unreserved set. A lone surrogate has no UTF-8 form, so
 * it goes as the bytes WTF-8 would give it, which no server can decode as UTF-8.
 */
export function encodeComponent(value: string): string {
  let out = '';
  for (const char of value) {
    if (/^[A-Za-z0-9\-._~]$/.test(char)) {
      out += char;
      continue;
    }
    const code = char.codePointAt(0)!;
    const bytes =
      code >= 0xd800 && code <= 0xdfff
        ? [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        : [...utf8.encode(char)];
    out += bytes.map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return out;
}

/** The request's path and query string, encoded. */
export function target(operationId: OperationId, request: FuzzRequest): string {
  const path = operations[operationId].path.replace('{id}', encodeComponent(request.id ?? ''));
  const query = (request.query ?? [])
    .map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}

/** How a server reads a query string: a name given once is a string, a repeated one a list. */
function queryObject(pairs: Array<[string, string]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, sent] of pairs) {
    // An unpaired surrogate went as bytes that are not UTF-8; servers read them as U+FFFD.
    const value = sent.replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
    const prior = Object.hasOwn(out, key) ? out[key] : undefined;
    Object.defineProperty(out, key, {
      value: prior === undefined ? value : [...[prior].flat(), value],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * What the contract answers before any domain rule: 404 for a path id no server can decode, 413 over
 * the size limit, 400 for a body that is not JSON, 422 for anything a schema rejects; undefined when
 * the request passes all of that.
 */
export function expectedRejection(
  operationId: OperationId,
  request: FuzzRequest,
): 404 | 413 | 400 | 422 | undefined {
  const spec = operations[operationId];
  // With the u flag only an unpaired surrogate matches: its bytes are not UTF-8, so no route can match.
  if (request.id !== undefined && /[\uD800-\uDFFF]/u.test(request.id)) return 404;
  let body: unknown;
  if (request.body) {
    if (request.body.bytes.length > BODY_LIMIT) return 413;
    try {
      body = JSON.parse(decoder.decode(request.body.bytes));
    } catch {
      return 400;
    }
  }
  const params = spec.params ? isValid(spec.params, { id: request.id }) : true;
  const query = spec.query ? isValidQuery(spec.query, queryObject(request.query ?? [])) : true;
  const bodyOk = spec.body ? isValid(spec.body, body) : true;
  return params && query && bodyOk ? undefined : 422;
}

/** Query values arrive as strings: validated the way the starters do, coercing to the schema's types. */
function isValidQuery(schema: JsonSchema, values: Record<string, unknown>): boolean {
  const coerced = { ...values };
  // Ajv coerces `Infinity` and `1e309` to numbers its minimum/maximum checks then skip; the contract
  // means a bounded integer, so a non-finite one is invalid whatever Ajv says.
  return (
    coercingValidator(schema)(coerced) &&
    Object.values(coerced).every((v) => typeof v !== 'number' || Number.isFinite(v))
  );
}

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const coercing = new Ajv2020({ strict: true, allowUnionTypes: true, coerceTypes: true });
addFormats(coercing, ['email', 'date-time', 'uri-reference', 'int32']);
coercing.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
coercing.addSchema(schemaBundle);
const compiledQueries = new WeakMap<JsonSchema, ValidateFunction>();

function coercingValidator(schema: JsonSchema): ValidateFunction {
  let validate = compiledQueries.get(schema);
  if (!validate) {
    validate = coercing.compile(schema);
    compiledQueries.set(schema, validate);
  }
  return validate;
}
