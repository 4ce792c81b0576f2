import { randomUUID } from 'node:crypto';
import {
  PROBLEM_CONTENT_TYPE,
  type Problem,
  type ProblemCode,
  problem,
  type ValidationError,
} from './problems.js';

/**
 * The HTTP rules that are the same whatever the framework: how a bearer token is read, what a failure
 * answers (status, headers, body), which request id is kept, how `Allow` lists methods, which headers
 * CORS exposes. Each server calls these in its framework's own way and owns only that plumbing.
 */

/** A failure as the contract names it: a problem code and the detail the client reads. */
export type Failure = readonly [code: ProblemCode, detail: string];

/**
 * The failures every server answers in the same words, whatever noticed them: its router, its body
 * parser, its authentication or its error handler. Spread into a server's problem function:
 * `sendProblem(res, ...failures.notFound)`.
 */
export const failures = {
  notFound: ['not_found', 'There is nothing at this path.'],
  internal: ['internal_error', 'An unexpected error occurred. It has been logged.'],
  missingToken: [
    'unauthorized',
    'This operation needs an access token: Authorization: Bearer <token>.',
  ],
  // Not the access tokens' invalid_token detail: the metrics token is a setting, not a session.
  invalidMetricsToken: ['invalid_token', 'This is not the METRICS_TOKEN this server was given.'],
  invalidRequest: ['validation_failed', 'The request does not match the API contract.'],
  rateLimited: [
    'rate_limited',
    'Too many attempts from this client; retry after the Retry-After delay.',
  ],
  databaseDown: ['service_unavailable', 'The database is not answering.'],
  notJson: ['unsupported_media_type', 'The request body must be sent as application/json.'],
  notUtf8: ['unsupported_media_type', 'The request body must be UTF-8 JSON.'],
  unsupportedEncoding: [
    'unsupported_media_type',
    'The request body uses an unsupported Content-Encoding.',
  ],
  malformedJson: ['malformed_json', 'The request body is not valid JSON.'],
  emptyBody: ['malformed_json', 'The request needs a JSON body.'],
  // The client stopped sending, or sent fewer bytes than Content-Length promised.
  incompleteBody: ['malformed_json', 'The request body was incomplete.'],
  bodyTooLarge: ['payload_too_large', 'The request body is larger than 100 kB.'],
} as const satisfies Record<string, Failure>;

/** The 405 for `method` at a path that answers `allow` (an `Allow` header's value). */
export function methodNotAllowed(method: string, allow: string): Failure {
  return ['method_not_allowed', `${method} is not supported here; use ${allow}.`];
}

/** A whole answer to a failure, for a server to write in its framework's way. */
export interface ProblemAnswer {
  status: number;
  headers: Record<string, string>;
  body: Problem;
}

/**
 * The answer to a failure: an RFC 9457 problem whose status and title come from the contract's
 * `problemTypes`, as problem+json. Every 401 says how to authenticate (RFC 9110 §11.6.1); a rejected
 * token also says why, as RFC 6750 §3.1 asks. `headers` adds headers of the failure's own.
 */
export function problemAnswer(
  code: ProblemCode,
  detail: string,
  extra: Pick<Problem, 'errors' | 'checks'> = {},
  headers: Record<string, string> = {},
): ProblemAnswer {
  const body = problem(code, detail, extra);
  const answer: Record<string, string> = { ...headers, 'Content-Type': PROBLEM_CONTENT_TYPE };
  if (body.status === 401) {
    answer['WWW-Authenticate'] =
      code === 'invalid_token' ? 'Bearer error="invalid_token"' : 'Bearer';
  }
  return { status: body.status, headers: answer, body };
}

/**
 * What the domain's errors carry (its `DomainError`, read by shape: the contract knows no domain): a
 * code, a message fit for the client, when retrying may succeed, and for invalid input the errors.
 */
export interface DeliberateFailure {
  code: ProblemCode;
  message: string;
  retryAfterSeconds?: number | undefined;
  errors?: ValidationError[] | undefined;
}

/**
 * The answer to a failure the domain reports on purpose. When retrying later may succeed (the database
 * is down, the account has tried too often) it says when, in `Retry-After`.
 */
export function failureAnswer(failure: DeliberateFailure): ProblemAnswer {
  return problemAnswer(
    failure.code,
    failure.message,
    failure.errors ? { errors: failure.errors } : {},
    failure.retryAfterSeconds === undefined
      ? {}
      : { 'Retry-After': String(failure.retryAfterSeconds) },
  );
}

// RFC 6750 §2.1: the scheme is case-insensitive, then one token.
const BEARER = /^\s*Bearer +(\S+)\s*$/i;

/** The token of an `Authorization: Bearer …` header; undefined for none or any other scheme. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
}

// A caller's id is kept only if it is short and plain, so it cannot forge log lines or bloat them.
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * The request's id, logged with it and echoed in `X-Request-Id`: a sane incoming `X-Request-Id` is
 * kept, so a request can be followed from a proxy or client into the logs; else a new UUID.
 */
export function requestId(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

// The order `Allow` lists methods in, whatever order the routes were registered in.
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * The `Allow` header (RFC 9110 §10.2.1) for a path answering `methods`: HEAD wherever GET is, since
 * every framework here answers HEAD with the GET handler, in one fixed order.
 */
export function allowHeader(methods: Iterable<string>): string {
  const set = new Set(methods);
  if (set.has('GET')) set.add('HEAD');
  return METHOD_ORDER.filter((method) => set.has(method)).join(', ');
}

/**
 * The response headers a cross-origin script may read (CORS' `Access-Control-Expose-Headers`): those
 * the contract gives meaning to, beyond the ones CORS always exposes.
 */
export const EXPOSED_HEADERS = [
  'ETag',
  'Location',
  'Retry-After',
  'X-Request-Id',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'RateLimit-Policy',
] as const;

/**
 * body-parser's error `type`s, and what each means under the contract: for a server that parses JSON
 * with it (Express's `express.json()`, or the same parser under another framework).
 */
export const bodyParserFailures: Record<string, Failure> = {
  'entity.parse.failed': failures.malformedJson,
  'entity.too.large': failures.bodyTooLarge,
  'charset.unsupported': failures.notUtf8,
  'encoding.unsupported': failures.unsupportedEncoding,
  'request.aborted': failures.incompleteBody,
  'request.size.invalid': failures.incompleteBody,
};

/**
 * body-parser's `verify` for JSON: it turns an empty body into `{}`, but under the contract an empty
 * body is not JSON, so this fails it as a parse error (`failures.emptyBody` is for a request that
 * declares no body at all).
 */
export function refuseEmptyJson(_req: unknown, _res: unknown, raw: Buffer): void {
  if (raw.length === 0) {
    throw Object.assign(new SyntaxError('Empty body'), { type: 'entity.parse.failed' });
  }
}
