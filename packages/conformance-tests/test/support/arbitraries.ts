import fc from 'fast-check';
import { SCHEMAS_ID, schemaBundle, type JsonSchema } from '@rosetta/shared-contract';
import { validator } from '../../src/contract.js';
import { hostileKeys, hostileStrings, wrongTypeValues } from './hostile.js';

/**
 * fast-check arbitraries derived from the contract's JSON Schemas: values a schema accepts, and values
 * it rejects. Generation covers the subset of JSON Schema the contract uses (types, enum, const,
 * string bounds, patterns, formats, integer bounds, objects with required, additionalProperties,
 * minProperties, dependentRequired, allOf); every generated value is then checked with the suite's own
 * validator, so a valid value is valid and an invalid one invalid whatever this generator gets wrong.
 */

const defs = schemaBundle.$defs as Record<string, JsonSchema>;

/** A schema with `$ref`s followed and `allOf` merged (patterns kept apart, since all must hold). */
interface Flat {
  types: string[];
  enum?: unknown[];
  hasConst: boolean;
  const?: unknown;
  format?: string;
  minLength: number;
  maxLength: number;
  patterns: string[];
  minimum: number;
  maximum: number;
  properties: Record<string, JsonSchema>;
  required: string[];
  minProperties: number;
}

function resolve(schema: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  return typeof ref === 'string' ? resolve(defs[ref.slice(ref.lastIndexOf('/') + 1)]!) : schema;
}

/** A schema taken out of the bundle, with its `#/$defs/…` references made to work on their own. */
function absolute(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', `"${SCHEMAS_ID}#/$defs/`));
}

function flatten(schema: JsonSchema): Flat {
  const parts = [resolve(schema), ...((resolve(schema).allOf as JsonSchema[]) ?? []).map(resolve)];
  const pick = <T>(key: string): T | undefined =>
    parts.map((p) => p[key] as T | undefined).find((v) => v !== undefined);
  const type = pick<string | string[]>('type');
  return {
    types: type === undefined ? [] : Array.isArray(type) ? type : [type],
    enum: pick('enum'),
    hasConst: parts.some((p) => 'const' in p),
    const: pick('const'),
    format: pick('format'),
    minLength: Math.max(0, ...parts.map((p) => (p.minLength as number) ?? 0)),
    maxLength: Math.min(...parts.map((p) => (p.maxLength as number) ?? Infinity)),
    patterns: parts.flatMap((p) => (typeof p.pattern === 'string' ? [p.pattern] : [])),
    minimum: pick<number>('minimum') ?? Number.MIN_SAFE_INTEGER,
    maximum: pick<number>('maximum') ?? Number.MAX_SAFE_INTEGER,
    properties: Object.fromEntries(
      Object.entries(pick<Record<string, JsonSchema>>('properties') ?? {}).map(([k, v]) => [
        k,
        absolute(v),
      ]),
    ),
    required: pick('required') ?? [],
    minProperties: pick('minProperties') ?? 0,
  };
}

export const isValid = (schema: JsonSchema, value: unknown): boolean => validator(schema)(value);

/** Values `schema` accepts. */
export function validValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  const flat = flatten(schema);
  let arb: fc.Arbitrary<unknown>;
  if (flat.enum) arb = fc.constantFrom(...flat.enum);
  else if (flat.hasConst) arb = fc.constant(flat.const);
  else arb = fc.oneof(...flat.types.map((type) => validOfType(type, flat)));
  return arb.filter((value) => isValid(schema, value));
}

function validOfType(type: string, flat: Flat): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'integer':
      return fc.oneof(
        fc.constantFrom(flat.minimum, flat.maximum),
        fc.integer({ min: flat.minimum, max: flat.maximum }),
      );
    case 'object':
      return fc.record(
        Object.fromEntries(Object.entries(flat.properties).map(([k, s]) => [k, validValue(s)])),
        { requiredKeys: flat.required },
      );
    case 'string':
      return validString(flat);
    default:
      throw new Error(`No arbitrary for JSON Schema type ${type}`);
  }
}

function validString(flat: Flat): fc.Arbitrary<string> {
  if (flat.format === 'email') return validEmail;
  if (flat.format === 'uuid') return validUuid;
  if (flat.format === 'date-time') return dateTime(true);
  const max = Math.min(flat.maxLength, 10_000);
  const generated = { minLength: flat.minLength, maxLength: Math.min(max, 64) };
  return fc.oneof(
    fc.string({ unit: 'binary', ...generated }),
    fc.string({ unit: 'grapheme', ...generated }),
    fc.constantFrom(...hostileStrings),
    // At the bounds, in code points, some of them astral (two UTF-16 units each).
    fc.constantFrom('x'.repeat(max), '😀'.repeat(max), 'x'.repeat(Math.max(flat.minLength, 1))),
  );
}

const validEmail: fc.Arbitrary<string> = fc.oneof(
  fc.emailAddress(),
  fc.constantFrom(
    "a'or'1'='1@conformance.test",
    'o.brien+tag@conformance.test',
    'UPPER.case@CONFORMANCE.TEST',
    `${'a'.repeat(64)}@conformance.test`,
  ),
);

const uuidVariants = (uuid: string) =>
  fc.constantFrom(
    uuid,
    uuid.toUpperCase(),
    `urn:uuid:${uuid}`,
    `{${uuid}}`,
    uuid.replace(/-/g, ''),
  );
const validUuid: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.uuid().chain(uuidVariants),
  fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * RFC 3339 date-times from their parts, at and past every bound (year 0000 and 9999, leap days, leap
 * seconds, every offset form Ajv accepts). `valid` filters out what the format rejects, or keeps only
 * that.
 */
export function dateTime(valid: boolean): fc.Arbitrary<string> {
  const parts = fc.record({
    year: fc.oneof(fc.constantFrom(0, 1, 1969, 1970, 2000, 2024, 2038, 9999), fc.nat(9999)),
    month: valid ? fc.integer({ min: 1, max: 12 }) : fc.integer({ min: 0, max: 13 }),
    day: valid ? fc.integer({ min: 1, max: 31 }) : fc.integer({ min: 0, max: 32 }),
    time: fc.oneof(
      fc
        .tuple(fc.nat(valid ? 23 : 24), fc.nat(valid ? 59 : 60), fc.nat(valid ? 59 : 61))
        .map(([h, m, s]) => `${pad(h)}:${pad(m)}:${pad(s)}`),
      fc.constantFrom('23:59:60', '00:00:00', '23:59:59'),
    ),
    fraction: fc.constantFrom('', '.0', '.5', '.123', '.999999', '.123456789'),
    separator: fc.constantFrom('T', 't', ' '),
    zone: fc.constantFrom(
      'Z',
      'z',
      '+00:00',
      '-00:00',
      '+14:00',
      '-12:00',
      '+05:30',
      '+0530',
      '+05',
    ),
  });
  const strings = parts.map(
    (p) =>
      `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}${p.separator}${p.time}${p.fraction}${p.zone}`,
  );
  const schema = { type: 'string', format: 'date-time' };
  if (valid) return strings.filter((s) => isValid(schema, s) && inYearRange(s));
  return fc
    .oneof(
      strings,
      strings.map((s) => s.replace(/(Z|z|[+-]\d\d(:?\d\d)?)$/, '')),
      fc.constantFrom('2024-1-1T00:00:00Z', 'yesterday', '1700000000', '2024-02-30T00:00:00Z'),
    )
    .filter((s) => !isValid(schema, s));
}

/**
 * The contract's date-times must fall in years 0000–9999 UTC (a response has no form for others): an
 * offset can push `0000-01-01T00:00:00+01:00` out of it, and so can a leap second, which counts as the
 * next second (`9999-12-31T23:59:60Z` is year 10000). In the bounding years, only UTC without one.
 */
function inYearRange(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return (year > 0 && year < 9999) || (/[Zz]$/.test(value) && !/:60(\.\d+)?[Zz]$/.test(value));
}

/** A reason a value breaks its schema, and the value; the reason shows in a failure message. */
export interface Invalid {
  why: string;
  value: unknown;
}

/** Values `schema` rejects, each with the reason it was made. */
export function invalidValue(schema: JsonSchema): fc.Arbitrary<Invalid> {
  const flat = flatten(schema);
  const options: fc.Arbitrary<Invalid>[] = [
    fc.constantFrom(...wrongTypeValues).map((value) => ({ why: 'wrong type', value })),
    fc.constantFrom(...hostileStrings).map((value) => ({ why: 'hostile string', value })),
  ];
  if (flat.types.includes('string')) options.push(invalidString(flat));
  if (flat.types.includes('integer')) {
    options.push(
      fc
        .constantFrom(flat.minimum - 1, flat.maximum + 1, flat.minimum + 0.5, Infinity, -Infinity)
        .map((value) => ({ why: 'number past a bound', value })),
    );
  }
  if (flat.types.includes('object')) options.push(invalidObject(flat));
  return fc.oneof(...options).filter((invalid) => !isValid(schema, invalid.value));
}

function invalidString(flat: Flat): fc.Arbitrary<Invalid> {
  const options: fc.Arbitrary<Invalid>[] = [];
  if (flat.maxLength < Infinity) {
    options.push(
      fc
        .constantFrom('x'.repeat(flat.maxLength + 1), '😀'.repeat(flat.maxLength + 1))
        .map((value) => ({ why: `longer than ${flat.maxLength}`, value })),
    );
  }
  if (flat.minLength > 0) options.push(fc.constant({ why: 'too short', value: '' }));
  if (flat.patterns.length > 0) {
    options.push(
      fc
        .constantFrom('   ', '\t\n', 'a\u0000b', '\u0000', 'a\uD800b', '\uDFFF', 'ok\uDBFF')
        .map((value) => ({ why: 'breaks the pattern', value })),
    );
  }
  if (flat.enum) {
    const names = flat.enum.map(String);
    options.push(
      fc
        .constantFrom(...names.map((n) => n.toUpperCase()), ...names.map((n) => ` ${n}`), 'other')
        .map((value) => ({ why: 'not in the enum', value })),
    );
  }
  if (flat.format === 'email') {
    options.push(
      fc
        .constantFrom(
          'plainaddress',
          '@conformance.test',
          'a@',
          'a@b@c.test',
          "'; DROP TABLE users; --@x.test",
          'a\u0000@x.test',
          `${'a'.repeat(250)}@x.test`,
          'a @x.test',
        )
        .map((value) => ({ why: 'not an email', value })),
    );
  }
  if (flat.format === 'uuid') {
    options.push(
      fc
        .uuid()
        .chain((u) => fc.constantFrom(u.slice(1), `${u}0`, u.replace(/[0-9a-f]$/, 'g'), ` ${u}`))
        .map((value) => ({ why: 'not a uuid', value })),
    );
  }
  if (flat.format === 'date-time') {
    options.push(dateTime(false).map((value) => ({ why: 'not a date-time', value })));
  }
  return fc.oneof(...options);
}

function invalidObject(flat: Flat): fc.Arbitrary<Invalid> {
  const valid = validOfType('object', flat) as fc.Arbitrary<Record<string, unknown>>;
  const names = Object.keys(flat.properties);
  const options: fc.Arbitrary<Invalid>[] = [
    fc
      .tuple(valid, fc.constantFrom(...hostileKeys), fc.constantFrom(...wrongTypeValues, 'admin'))
      .map(([object, key, value]) => ({
        why: `extra property ${JSON.stringify(key)}`,
        // JSON.parse makes `__proto__` an own property, as a server's parser would.
        value: JSON.parse(
          JSON.stringify(object)
            .replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(value)},`)
            .replace(/,\}$/, '}'),
        ),
      })),
  ];
  if (flat.minProperties > 0) options.push(fc.constant({ why: 'no properties', value: {} }));
  for (const name of flat.required) {
    options.push(
      valid.map((object) => {
        const { [name]: _missing, ...rest } = object;
        return { why: `missing ${name}`, value: rest };
      }),
    );
  }
  for (const name of names) {
    options.push(
      fc.tuple(valid, invalidValue(flat.properties[name]!)).map(([object, bad]) => ({
        why: `${name}: ${bad.why}`,
        value: { ...object, [name]: bad.value },
      })),
    );
  }
  return fc.oneof(...options);
}
