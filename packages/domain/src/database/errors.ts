/** Postgres SQLSTATE 23505: a unique constraint refused the write. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return isConstraintViolation(error, '23505', constraint);
}

/** Postgres SQLSTATE 23503: a foreign key refused the write (the row it names is gone). */
export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  return isConstraintViolation(error, '23503', constraint);
}

/** Whether `error` is `code`, raised by `constraint` if one is named; bare or wrapped by TypeORM. */
function isConstraintViolation(error: unknown, code: string, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as {
    code?: unknown;
    constraint?: unknown;
    driverError?: { code?: unknown; constraint?: unknown };
  };
  const name = e.constraint ?? e.driverError?.constraint;
  return (
    (e.code ?? e.driverError?.code) === code && (constraint === undefined || name === constraint)
  );
}

/** Socket errors: the database's host or port did not answer, or the connection broke. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs a server sends when it cannot serve anyone right now: admin or crash shutdown, starting up,
 * out of connections. Class 08 (connection exception) is matched as a whole below.
 */
const SERVER_UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * What node-postgres and pg-pool say, with no code, when a connection dies or never comes: the socket
 * closed mid-query, the pool's `connectionTimeoutMillis` or the client's `query_timeout` ran out, or a
 * query was sent on a client whose connection already failed.
 */
const DRIVER_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /^timeout expired$/,
  /^Query read timeout$/,
  /is not queryable$/,
];

/**
 * Whether a failure means the database could not be reached, as opposed to a query it refused: the
 * first is an outage the client may retry, the second a bug. Looks through TypeORM's `driverError` and
 * `cause` chains, since the same socket error arrives bare, wrapped, or as an AggregateError of every
 * address tried.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof e.code === 'string') {
    if (NETWORK_CODES.has(e.code) || SERVER_UNAVAILABLE_CODES.has(e.code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(e.code)) return true;
  }
  if (typeof e.message === 'string' && DRIVER_MESSAGES.some((re) => re.test(e.message as string))) {
    return true;
  }
  if (
    error instanceof AggregateError &&
    error.errors.some((x) => isDatabaseUnavailable(x, depth + 1))
  ) {
    return true;
  }
  return (
    isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1)
  );
}

/**
 * SQLSTATE 57014 (query_canceled): what the server raises when a statement ran past the data source's
 * `statement_timeout`. The database is too busy (or a lock is held too long) to serve this now: a
 * retry may succeed, as after an outage.
 */
export function isStatementTimeout(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return (e?.code ?? e?.driverError?.code) === '57014';
}

/** The properties in which the server, the driver or TypeORM repeat a statement's values. */
const VALUE_PROPERTIES = ['parameters', 'detail', 'where', 'internalQuery'] as const;

/**
 * Takes out of a database error, in place, every value its statement was bound to, so the line a
 * starter logs for a 500 never carries a password hash or an email: TypeORM's `parameters`, the
 * server's `detail` (`Key (email)=(…) already exists`) and `where`, and any bound value the message
 * quotes (`invalid input syntax for type uuid: "…"`). The message, the SQL text with its placeholders,
 * the SQLSTATE and the constraint stay: what a developer needs to find the bug. `values` are the
 * statement's, when the error does not carry them (node-postgres's own errors do not).
 */
export function redactBoundValues(error: unknown, values?: readonly unknown[], depth = 0): void {
  if (typeof error !== 'object' || error === null || depth > 5) return;
  const e = error as Record<string, unknown>;
  const bound = new Set(
    [...(values ?? []), ...(Array.isArray(e.parameters) ? e.parameters : [])]
      .filter((v) => v !== null && v !== undefined)
      .map(String),
  );
  for (const key of VALUE_PROPERTIES) delete e[key];
  if (typeof e.message === 'string' && bound.size > 0) {
    e.message = e.message.replace(/"([^"]*)"/g, (quoted, inner: string) =>
      bound.has(inner) ? '"[redacted]"' : quoted,
    );
  }
  // TypeORM copies the driver's properties onto its own error and keeps the original as well.
  redactBoundValues(e.driverError, [...bound], depth + 1);
  redactBoundValues(e.cause, [...bound], depth + 1);
}
