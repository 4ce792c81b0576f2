import { describe, expect, it } from 'vitest';
import { isStable, median, ratiosPerRound, spread } from './stats.js';

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([3, 1, 2])).toBe(2);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('refuses no values rather than answer NaN', () => {
    expect(() => median([])).toThrow();
  });
});

describe('spread', () => {
  it('gives median, min, max and how many values it saw', () => {
    expect(spread([10, 30, 20])).toEqual({ median: 20, min: 10, max: 30, n: 3 });
  });

  it('leaves out values that were not measured', () => {
    expect(spread([null, 5, undefined, Number.NaN, 7])).toEqual({
      median: 6,
      min: 5,
      max: 7,
      n: 2,
    });
  });

  it('is undefined when nothing was measured', () => {
    expect(spread([null, undefined])).toBeUndefined();
  });
});

describe('ratiosPerRound', () => {
  it('divides each round by the reference in the same round, not by its median', () => {
    const target = [
      { round: 1, value: 80 },
      { round: 2, value: 40 },
    ];
    const reference = [
      { round: 2, value: 50 },
      { round: 1, value: 100 },
    ];
    expect(ratiosPerRound(target, reference)).toEqual([0.8, 0.8]);
  });

  it('skips rounds where either side is missing, or the reference is 0', () => {
    const target = [
      { round: 1, value: 10 },
      { round: 2, value: 10 },
      { round: 3, value: null },
      { round: 4, value: 10 },
    ];
    const reference = [
      { round: 1, value: 20 },
      { round: 3, value: 20 },
      { round: 4, value: 0 },
    ];
    expect(ratiosPerRound(target, reference)).toEqual([0.5]);
  });
});

describe('isStable', () => {
  it('accepts a range within ±10% of the median', () => {
    expect(isStable({ median: 1, min: 0.91, max: 1.09, n: 3 })).toBe(true);
  });

  it('rejects a wider range', () => {
    expect(isStable({ median: 1, min: 0.8, max: 1.05, n: 3 })).toBe(false);
  });

  it('cannot tell from one round', () => {
    expect(isStable({ median: 1, min: 1, max: 1, n: 1 })).toBeUndefined();
  });
});
