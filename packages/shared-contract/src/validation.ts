import { Ajv2020, type Options, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { schemaBundle } from './operations.js';
import type { ValidationError } from './problems.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/**
 * The Ajv options every starter compiles the contract with. Bodies are JSON and must match exactly;
 * path and query values arrive as strings, so those alone are coerced to the schema's type.
 *
 * `validateSchema: false`: checking a schema against the JSON Schema meta-schema first compiles the
 * meta-schema itself, in every Ajv instance, which was the largest single cost of a starter's start-up.
 * The contract's schemas are generated and checked against the meta-schema once, in this package's
 * tests (test/validation.test.ts), so a server need not repeat it. Strict mode still refuses unknown
 * keywords at compile time.
 */
export const ajvOptions = {
  body: {
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    coerceTypes: false,
    removeAdditional: false,
    useDefaults: false,
    validateSchema: false,
  },
  parameters: {
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    coerceTypes: true,
    removeAdditional: false,
    useDefaults: true,
    validateSchema: false,
  },
} as const satisfies Record<'body' | 'parameters', Options>;

export type RequestPart = keyof typeof ajvOptions;

/**
 * The contract's `format: uuid`: the hyphenated form, in either case. ajv-formats' own also takes
 * `urn:uuid:…`, which is no id this API issues and which PostgreSQL's uuid type refuses, so such a
 * path id would reach the database and fail there instead of answering 422.
 */
export const UUID_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Adds the formats the contract uses (email, uuid, date-time, uri-reference). */
export function addContractFormats(ajv: Ajv2020): Ajv2020 {
  addFormats(ajv, ['email', 'date-time', 'uri-reference', 'int32']);
  ajv.addFormat('uuid', UUID_FORMAT);
  return ajv;
}

/** An Ajv instance for one part of a request, with the contract's schemas registered. */
export function createAjv(part: RequestPart): Ajv2020 {
  const ajv = addContractFormats(new Ajv2020(ajvOptions[part]));
  ajv.addSchema(schemaBundle);
  return ajv;
}

/**
 * How many violations a 422 lists (the contract's `maxItems` for `errors`): a 100 kB body of unknown
 * properties would otherwise answer with thousands.
 */
export const MAX_VALIDATION_ERRORS = 50;

/**
 * Turns Ajv's errors into the contract's `errors` entries: a JSON Pointer for the body, the parameter
 * name for path and query. Missing properties point at the property, not at its parent. At most
 * {@link MAX_VALIDATION_ERRORS}, the first found.
 */
export function toValidationErrors(
  errors: readonly ErrorObject[],
  location: 'body' | 'query' | 'params',
): ValidationError[] {
  return errors.slice(0, MAX_VALIDATION_ERRORS).map((error) => {
    const missing =
      error.keyword === 'required' || error.keyword === 'dependentRequired'
        ? `/${escapePointer(String(error.params.missingProperty))}`
        : '';
    const extra =
      error.keyword === 'additionalProperties'
        ? `/${escapePointer(String(error.params.additionalProperty))}`
        : '';
    const pointer = error.instancePath + missing + extra;
    const detail = describe(error);
    if (location === 'body') return { pointer, detail };
    const parameter = decodePointerSegment(pointer.split('/')[1] ?? '');
    return { parameter, detail };
  });
}

/** The contract's free-text patterns, said in words. */
const patternMessages: Record<string, string> = {
  '\\S': 'must not be blank',
  '^[^\\u0000\\uD800-\\uDFFF]*$': 'must not contain NUL characters or unpaired surrogates',
};

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case 'additionalProperties':
      return 'is not an accepted property';
    case 'required':
    case 'dependentRequired':
      return 'is required';
    case 'pattern':
      return (
        patternMessages[String(error.params.pattern)] ??
        `must match ${String(error.params.pattern)}`
      );
    case 'enum':
      return `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}`;
    default:
      return error.message ?? 'is invalid';
  }
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function decodePointerSegment(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}
