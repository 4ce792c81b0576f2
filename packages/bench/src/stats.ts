/** A figure measured over several rounds: the median, with the range it moved in. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  /** How many rounds it is made of. */
  n: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median() of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median and min–max of the finite values; undefined when there are none. */
export function spread(values: readonly (number | null | undefined)[]): Spread | undefined {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (finite.length === 0) return undefined;
  return {
    median: median(finite),
    min: Math.min(...finite),
    max: Math.max(...finite),
    n: finite.length,
  };
}

/** One value per round; rounds are numbered from 1. */
export interface RoundValue {
  round: number;
  value: number | null;
}

/**
 * The ratio of a target's figure to its reference's, computed within each round and only for rounds
 * where both were measured: drift between rounds (the machine getting busier) then cancels out, which a
 * ratio of medians would not do.
 */
export function ratiosPerRound(
  values: readonly RoundValue[],
  reference: readonly RoundValue[],
): number[] {
  const byRound = new Map(reference.map((r) => [r.round, r.value]));
  const ratios: number[] = [];
  for (const { round, value } of values) {
    const base = byRound.get(round);
    if (value === null || base === null || base === undefined || base === 0) continue;
    ratios.push(value / base);
  }
  return ratios;
}

/**
 * How far a ratio may move between rounds and still count as stable: ±10% around its median. On a
 * quiet machine ratios stay within a few hundredths; beyond this, other work on the machine moved them.
 */
export const STABLE_HALF_RANGE = 0.1;

/** Whether a figure measured over rounds held still; a single round cannot tell. */
export function isStable(s: Spread): boolean | undefined {
  if (s.n < 2) return undefined;
  return s.max - s.min <= 2 * STABLE_HALF_RANGE * Math.abs(s.median);
}
