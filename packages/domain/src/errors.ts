import type { ProblemCode, ValidationError } from '@rosetta/shared-contract';

/**
 * The base of every failure the domain reports on purpose. Each carries the contract's stable problem
 * `code` and a message fit for the client, and nothing about HTTP: a starter maps the code to a status
 * through the contract's `problemTypes`, in one place. Anything that is not a DomainError is a bug, and
 * starters answer it with a 500 that reveals nothing.
 */
export abstract class DomainError extends Error {
  abstract readonly code: ProblemCode;
  /** Set when retrying later may succeed: seconds worth waiting first, for `Retry-After`. */
  readonly retryAfterSeconds?: number;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The resource does not exist, or belongs to someone else: the two are indistinguishable on purpose. */
export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}

/** The caller could not be identified: a bad access token, bad credentials, or a bad refresh token. */
export class UnauthorizedError extends DomainError {
  constructor(
    readonly code: Extract<
      ProblemCode,
      'invalid_token' | 'invalid_credentials' | 'invalid_refresh_token'
    >,
    message: string,
  ) {
    super(message);
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  constructor(
    readonly code: Extract<ProblemCode, 'forbidden' | 'current_password_incorrect'>,
    message: string,
  ) {
    super(message);
  }
}

/** The request clashes with the current state: a taken email, or an admin acting on their own account. */
export class ConflictError extends DomainError {
  constructor(
    readonly code: Extract<ProblemCode, 'email_taken' | 'cannot_modify_self' | 'last_admin'>,
    message: string,
  ) {
    super(message);
  }
}

/** The task changed since the version the client holds (`If-Match`). */
export class PreconditionFailedError extends DomainError {
  readonly code = 'precondition_failed';
}

/** Input that passed the schema but is still unusable, such as a cursor from another listing. */
export class InvalidInputError extends DomainError {
  readonly code = 'validation_failed';

  constructor(readonly errors: ValidationError[]) {
    super(errors.map((e) => `${e.pointer ?? e.parameter ?? ''} ${e.detail}`.trim()).join('; '));
  }
}

/**
 * One account has made too many attempts at something a guesser would repeat (signing in, giving the
 * current password) within its window: see `AccountAttempts`.
 */
export class TooManyAttemptsError extends DomainError {
  readonly code = 'rate_limited';

  constructor(
    message: string,
    override readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** About the pool's connect timeout: by then a restored database is usually reachable again. */
const RETRY_AFTER_SECONDS = 5;

/**
 * The database could not be reached (refused, reset, or no connection within the pool's timeout). The
 * request did nothing the client can rely on, and may succeed if retried a little later. A write whose
 * commit was sent but never confirmed may still have happened, so a retry must not assume it did not.
 */
export class ServiceUnavailableError extends DomainError {
  readonly code = 'service_unavailable';

  /** A hint for the client: how long an outage is worth waiting out before retrying. */
  override readonly retryAfterSeconds = RETRY_AFTER_SECONDS;
}

/**
 * The server's settings are wrong: every problem at once, so a misconfigured deployment is fixed in
 * one go. Not a DomainError: it stops start-up and never reaches a client.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
