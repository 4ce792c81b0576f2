import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import {
  operations,
  schemaBundle,
  schemaRef,
  type JsonSchema,
  type OperationId,
  type OperationSpec,
} from '@rosetta/shared-contract';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/**
 * The suite's own validator: strict, no coercion, every error. Deliberately not the starters' Ajv
 * setup from shared-contract, so a mistake there cannot hide itself here.
 */
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv, ['email', 'date-time', 'uri-reference', 'int32']);
// The contract's uuids are the hyphenated form; ajv-formats' `uuid` would also take `urn:uuid:…`.
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
ajv.addSchema(schemaBundle);
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

export function validator(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

const problemSchema = schemaRef('Problem');
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export type RouteMatch =
  | {
      kind: 'operation';
      operationId: OperationId;
      spec: OperationSpec;
      pathParams: Record<string, string>;
    }
  | { kind: 'method-not-allowed'; pathTemplate: string; allowed: string[] }
  | { kind: 'unknown' };

interface Route {
  template: string;
  pattern: RegExp;
  params: string[];
  methods: Map<string, OperationId>;
}

/** Literal paths first, so `/users/me` wins over `/users/{id}` as routers do. */
const routes: Route[] = buildRoutes(operations);

function buildRoutes(ops: Record<string, OperationSpec>): Route[] {
  const byTemplate = new Map<string, Route>();
  for (const [operationId, spec] of Object.entries(ops)) {
    let route = byTemplate.get(spec.path);
    if (!route) {
      const params: string[] = [];
      const source = spec.path
        .split('/')
        .map((segment) => {
          const param = /^\{(.+)\}$/.exec(segment);
          if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          params.push(param[1]!);
          return '([^/]+)';
        })
        .join('/');
      route = {
        template: spec.path,
        pattern: new RegExp(`^${source}$`),
        params,
        methods: new Map(),
      };
      byTemplate.set(spec.path, route);
    }
    route.methods.set(spec.method, operationId as OperationId);
  }
  return [...byTemplate.values()].sort((a, b) => a.params.length - b.params.length);
}

/** Which operation a request is, by method and path (no query string). */
/** A path segment as a server would read it; one that is not valid percent-encoding stays as sent. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function matchRoute(method: string, pathname: string): RouteMatch {
  for (const route of routes) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const operationId = route.methods.get(method.toUpperCase());
    if (!operationId) {
      return {
        kind: 'method-not-allowed',
        pathTemplate: route.template,
        allowed: [...route.methods.keys()],
      };
    }
    const pathParams = Object.fromEntries(
      route.params.map((name, i) => [name, decodeSegment(match[i + 1]!)]),
    );
    return { kind: 'operation', operationId, spec: operations[operationId], pathParams };
  }
  return { kind: 'unknown' };
}

export interface ObservedResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface CheckResult {
  /** Every way the response breaks the contract; empty when it conforms. */
  violations: string[];
  /** The parsed JSON body, the text for other bodies, undefined when there is none. */
  body: unknown;
}

/**
 * Checks one response against the contract: a documented status other than 500, its content type, a
 * body matching its schema (response schemas forbid unknown members, so leaked fields fail), and its
 * required headers. Requests that match no operation must still answer with a problem.
 */
export function checkResponse(match: RouteMatch, response: ObservedResponse): CheckResult {
  const result = checkAgainstContract(match, response);
  // Documented, so that clients know its shape, but only a bug answers one: it never conforms.
  if (response.status === 500) {
    result.violations.unshift('status 500: the server failed on a bug (internal_error)');
  }
  return result;
}

function checkAgainstContract(match: RouteMatch, response: ObservedResponse): CheckResult {
  if (match.kind !== 'operation') {
    const violations: string[] = [];
    if (response.status < 400)
      violations.push(`status ${response.status} for a request no operation serves`);
    const body = checkBody(PROBLEM_CONTENT_TYPE, problemSchema, response, violations);
    return { violations, body };
  }
  const spec = match.spec.responses[String(response.status)];
  if (!spec) {
    const documented = Object.keys(match.spec.responses).join(', ');
    return {
      violations: [
        `status ${response.status} is not documented for ${match.operationId} (documented: ${documented})`,
      ],
      body: parseLoosely(response),
    };
  }
  const violations: string[] = [];
  const body = spec.contentType
    ? checkBody(spec.contentType, spec.schema, response, violations)
    : checkNoBody(response, violations);
  for (const [name, header] of Object.entries(spec.headers)) {
    const value = response.headers.get(name);
    if (value === null) {
      if (header.required) violations.push(`required header ${name} is missing`);
      continue;
    }
    const problem = headerViolation(value, header.schema);
    if (problem) violations.push(`header ${name}: ${JSON.stringify(value)} ${problem}`);
  }
  return { violations, body };
}

function checkBody(
  contentType: string,
  schema: JsonSchema | undefined,
  response: ObservedResponse,
  violations: string[],
): unknown {
  const actual = mediaType(response.headers.get('content-type'));
  if (actual !== contentType) {
    violations.push(`content type ${actual ?? '(none)'}, expected ${contentType}`);
  }
  let body: unknown = response.text;
  if (/[/+]json$/.test(contentType)) {
    try {
      body = JSON.parse(response.text);
    } catch {
      violations.push(`body is not JSON: ${excerpt(response.text)}`);
      return response.text;
    }
  }
  if (schema) {
    const validate = validator(schema);
    if (!validate(body)) {
      for (const error of validate.errors ?? []) {
        const where = error.instancePath || '(root)';
        const extra =
          error.keyword === 'additionalProperties'
            ? ` (${String(error.params.additionalProperty)})`
            : '';
        violations.push(`body ${where} ${error.message ?? error.keyword}${extra}`);
      }
    }
  }
  if (contentType === PROBLEM_CONTENT_TYPE && isObject(body) && body.status !== response.status) {
    violations.push(
      `problem status ${String(body.status)} differs from the HTTP status ${response.status}`,
    );
  }
  return body;
}

function checkNoBody(response: ObservedResponse, violations: string[]): undefined {
  if (response.text !== '') violations.push(`expected no body, got ${excerpt(response.text)}`);
  return undefined;
}

/** Header values are strings; integer schemas (Retry-After) need a base-10 integer. */
function headerViolation(value: string, schema: JsonSchema): string | undefined {
  let candidate: unknown = value;
  if (schema.type === 'integer' || schema.type === 'number') {
    if (!/^-?\d+$/.test(value.trim())) return 'is not an integer';
    candidate = Number(value.trim());
  }
  const validate = validator(schema);
  return validate(candidate) ? undefined : ajv.errorsText(validate.errors, { dataVar: 'value' });
}

export function mediaType(header: string | null): string | undefined {
  return header?.split(';')[0]?.trim().toLowerCase() || undefined;
}

function parseLoosely(response: ObservedResponse): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    return response.text || undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function excerpt(text: string, max = 300): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

/** Every (operation, status) pair the contract documents, as `operationId status` strings. */
export function documentedPairs(): string[] {
  return Object.entries(operations).flatMap(([operationId, spec]) =>
    Object.keys(spec.responses).map((status) => pairKey(operationId, status)),
  );
}

export function pairKey(operationId: string, status: number | string): string {
  return `${operationId} ${status}`;
}
