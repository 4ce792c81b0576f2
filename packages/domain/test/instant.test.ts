import { describe, expect, it } from 'vitest';
import { parseInstant } from '../src/time/instant.js';
import { pageSize } from '../src/pagination/page-size.js';
import { InvalidInputError } from '../src/errors.js';

describe('parseInstant', () => {
  it.each([
    ['2024-03-01T12:00:00Z', '2024-03-01T12:00:00.000Z'],
    ['2024-03-01t12:00:00z', '2024-03-01T12:00:00.000Z'],
    ['2024-03-01 12:00:00.123456789Z', '2024-03-01T12:00:00.123Z'],
    ['2024-03-01T12:00:00+05', '2024-03-01T07:00:00.000Z'],
    ['2024-03-01T12:00:00+0530', '2024-03-01T06:30:00.000Z'],
    ['2024-03-01T12:00:00-00:00', '2024-03-01T12:00:00.000Z'],
    ['2016-12-31T23:59:60Z', '2017-01-01T00:00:00.000Z'],
    ['0000-01-01T00:00:00Z', '0000-01-01T00:00:00.000Z'],
    ['0099-06-01T00:00:00Z', '0099-06-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('reads %s as %s', (value, iso) => {
    expect((parseInstant(value) as Date).toISOString()).toBe(iso);
  });

  it.each(['0000-01-01T00:00:00+00:01', '9999-12-31T23:59:59-00:01'])(
    'finds %s out of range: its UTC year has no four-digit form',
    (value) => {
      expect(parseInstant(value)).toBe('out-of-range');
    },
  );

  it.each(['2024-03-01', '2024-03-01T12:00:00', 'yesterday', '2024-03-01T12:00Z'])(
    'finds %s malformed',
    (value) => {
      expect(parseInstant(value)).toBe('malformed');
    },
  );
});

describe('pageSize', () => {
  it('defaults to 20 and keeps 1 to 100', () => {
    expect([pageSize(undefined), pageSize(1), pageSize(100)]).toEqual([20, 1, 100]);
  });

  it.each([0, 101, -1, 1.5, Infinity, -Infinity, NaN])('refuses %s with a limit error', (limit) => {
    expect(() => pageSize(limit)).toThrow(InvalidInputError);
  });
});
