import { InvalidInputError } from '../errors.js';
import { UUID_FORMAT } from '@rosetta/shared-contract';

/** What a cursor remembers: the listing's sort, and the sort value and id of the last row served. */
export interface CursorPosition {
  value: string | null;
  id: string;
}

export function encodeCursor(sort: string, position: CursorPosition): string {
  return Buffer.from(JSON.stringify({ s: sort, v: position.value, id: position.id })).toString(
    'base64url',
  );
}

/**
 * Reads a cursor issued for `sort`. Cursors are opaque to clients but not trusted: anything that is not
 * one we issued for this sort, with a value `isValue` accepts, is a 422 rather than a database error.
 */
export function decodeCursor(
  raw: string,
  sort: string,
  isValue: (value: unknown) => value is string | null,
): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const c = parsed as { s?: unknown; v?: unknown; id?: unknown } | undefined;
  if (
    !c ||
    typeof c !== 'object' ||
    typeof c.id !== 'string' ||
    !UUID_FORMAT.test(c.id) ||
    !isValue(c.v)
  ) {
    throw invalidCursor('is not a cursor issued by this listing');
  }
  if (c.s !== sort) throw invalidCursor(`was issued for another sort order than "${sort}"`);
  return { value: c.v, id: c.id };
}

function invalidCursor(detail: string): InvalidInputError {
  return new InvalidInputError([{ parameter: 'cursor', detail }]);
}

// What Date#toISOString writes, the only form a cursor of ours holds.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** An instant as this app writes it into cursors. */
export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

// The contract's Text rule: no NUL (Postgres text cannot hold it) and no unpaired surrogates.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const STORABLE_TEXT = /^[^\u0000\uD800-\uDFFF]*$/u;

/**
 * Text that can be compared against a text column without a database error. `maxLength` counts
 * characters (code points), as the contract's JSON Schema and PostgreSQL do: a title of 200 emoji is
 * 400 UTF-16 units, and still a title.
 */
export function isStorableText(value: unknown, maxLength: number): value is string {
  return (
    typeof value === 'string' &&
    (value.length <= maxLength || codePoints(value) <= maxLength) &&
    STORABLE_TEXT.test(value)
  );
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
