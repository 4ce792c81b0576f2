import type { components } from './generated/openapi-types.js';

export type ProblemCode = components['schemas']['ProblemCode'];
export type Problem = components['schemas']['Problem'];
export type ValidationError = components['schemas']['ValidationError'];

interface ProblemType {
  status: number;
  title: string;
}

/**
 * The one status and title for each stable problem code. Starters map domain errors to a code and take
 * status and title from here, so no two starters can answer the same failure differently.
 */
export const problemTypes: Record<ProblemCode, ProblemType> = {
  bad_request: { status: 400, title: 'Bad request' },
  malformed_json: { status: 400, title: 'Malformed JSON' },
  unauthorized: { status: 401, title: 'Authentication required' },
  invalid_token: { status: 401, title: 'Invalid access token' },
  invalid_credentials: { status: 401, title: 'Invalid email or password' },
  invalid_refresh_token: { status: 401, title: 'Invalid refresh token' },
  forbidden: { status: 403, title: 'Forbidden' },
  current_password_incorrect: { status: 403, title: 'Current password is incorrect' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  email_taken: { status: 409, title: 'Email already registered' },
  cannot_modify_self: { status: 409, title: 'Cannot modify own account here' },
  last_admin: { status: 409, title: 'Last admin account' },
  request_timeout: { status: 408, title: 'Request timeout' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  validation_failed: { status: 422, title: 'Validation failed' },
  rate_limited: { status: 429, title: 'Too many requests' },
  request_header_fields_too_large: { status: 431, title: 'Request header fields too large' },
  internal_error: { status: 500, title: 'Internal server error' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * The problem's `type` URI. A tag URI (RFC 4151) names the kind of problem without promising a page
 * that can be fetched, which RFC 9457 allows for types that are identifiers only.
 */
export function problemTypeUri(code: ProblemCode): string {
  return `tag:rosetta.dev,2026:problems/${code}`;
}

/** Builds a complete problem body for a code; `extra` adds `errors`, `checks` or `instance`. */
export function problem(
  code: ProblemCode,
  detail: string,
  extra: Pick<Problem, 'errors' | 'checks' | 'instance'> = {},
): Problem {
  const { status, title } = problemTypes[code];
  return { type: problemTypeUri(code), title, status, detail, code, ...extra };
}
