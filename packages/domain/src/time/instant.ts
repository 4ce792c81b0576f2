/**
 * RFC 3339 date-times as the contract's `format: date-time` accepts them (Ajv's reading): `T`, `t` or
 * a space between date and time, a leap second (`23:59:60`), any number of fraction digits, and an
 * offset written `Z`, `z`, `+hh:mm`, `+hhmm` or `+hh`. `new Date()` refuses several of those, so the
 * parts are read here and the instant computed from them.
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt\s](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2})(?::?(\d{2}))?)$/;

/** The instants a response can write back: `toISOString()` has four-digit years only in this range. */
const FIRST = new Date(0).setUTCFullYear(0, 0, 1);
const LAST = new Date(0).setUTCFullYear(9999, 11, 31) + 86_400_000 - 1;

export type InstantResult = Date | 'malformed' | 'out-of-range';

/**
 * Reads a date-time the contract accepts. A leap second counts as the next second, as PostgreSQL
 * reads it. An instant outside years 0000–9999 UTC is `out-of-range`: its ISO form would need a
 * six-digit year, which the contract's responses cannot carry.
 */
export function parseInstant(value: string): InstantResult {
  const parts = DATE_TIME.exec(value);
  if (!parts) return 'malformed';
  const [, year, month, day, hour, minute, second, fraction, sign, offsetHours, offsetMinutes] =
    parts;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  date.setUTCHours(
    Number(hour),
    Number(minute),
    Number(second),
    Number((fraction ?? '0').padEnd(3, '0').slice(0, 3)),
  );
  const offset = sign
    ? (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes ?? 0))
    : 0;
  const instant = date.getTime() - offset * 60_000;
  if (Number.isNaN(instant)) return 'malformed';
  return instant < FIRST || instant > LAST ? 'out-of-range' : new Date(instant);
}
