import type { JSX } from 'preact';
import { formatRatio, isStable, type BenchReport, type Spread } from '@rosetta/bench';
import type { DatabaseRatio } from '../model.js';
import { None } from './parts.js';

/** A ratio's goal: a floor (requests/s) or a ceiling (memory, start-up). */
export type Goal = { atLeast: number } | { atMost: number };
export const atLeast = (n: number | undefined): Goal | undefined =>
  n === undefined ? undefined : { atLeast: n };
export const atMost = (n: number | undefined): Goal | undefined =>
  n === undefined ? undefined : { atMost: n };
/** A figure measured once (peak RSS) as a spread, so that it can be a chip. */
export const single = (n: number | undefined): Spread | undefined =>
  n === undefined ? undefined : { median: n, min: n, max: n, n: 1 };

function meets(ratio: number, goal: Goal): boolean {
  return 'atLeast' in goal ? ratio >= goal.atLeast : ratio <= goal.atMost;
}

/**
 * A ratio as a chip: its median, `~` when it moved more than ±10% between rounds, and, in a
 * measurement, whether it meets its goal. A smoke run's or an unstable ratio is judged against nothing.
 */
export function Chip({
  ratio,
  prefix = '',
  suffix,
  what,
  goal,
  bench,
}: {
  ratio: Spread;
  prefix?: string;
  suffix: string;
  what: string;
  goal: Goal | undefined;
  bench: BenchReport | undefined;
}) {
  const stable = isStable(ratio);
  let kind = '';
  if (stable === false) kind = ' unstable';
  else if (goal !== undefined && bench && bench.kind === 'measurement') {
    kind = meets(ratio.median, goal) ? ' meets-goal' : ' below-goal';
  }
  const range =
    ratio.n > 1
      ? `, ${formatRatio(ratio.min)}–${formatRatio(ratio.max)} over ${ratio.n} rounds`
      : '';
  const goalText =
    goal === undefined
      ? ''
      : 'atLeast' in goal
        ? `; goal ≥ ${goal.atLeast}`
        : `; goal ≤ ${goal.atMost}`;
  const unstable = stable === false ? '; moved more than ±10% between rounds' : '';
  const title = `${what}: median ${formatRatio(ratio.median)}${range}${goalText}${unstable}`;
  return (
    <span class={`ratio${kind}`} title={title}>
      {`${prefix}${stable === false ? '~' : ''}${formatRatio(ratio.median)}${suffix}`}
    </span>
  );
}

/** `list 0.95× read 0.97×`, or a dash when there is none. */
export function DatabaseChips({
  ratios,
  goal,
  bench,
}: {
  ratios: readonly DatabaseRatio[];
  goal: Goal | undefined;
  bench: BenchReport | undefined;
}) {
  if (ratios.length === 0) return <None />;
  return (
    <>
      {ratios.map((d, i) => (
        <>
          {i > 0 && ' '}
          <Chip
            ratio={d.ratio}
            prefix={`${d.short} `}
            suffix="×"
            what={d.request}
            goal={goal}
            bench={bench}
          />
        </>
      ))}
    </>
  );
}

/** Chips side by side, a space between, those that do not apply left out. */
export function Chips({ children }: { children: (JSX.Element | false | undefined)[] }) {
  const present = children.filter(Boolean);
  return (
    <>
      {present.map((chip, i) => (
        <>
          {i > 0 && ' '}
          {chip}
        </>
      ))}
    </>
  );
}
