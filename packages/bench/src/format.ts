import { isStable, type Spread } from './stats.js';

/** `38.8k`, `950`: requests per second at a glance. */
export function formatRate(value: number): string {
  if (value >= 9_999.5) return `${(value / 1000).toFixed(1)}k`;
  return Math.round(value).toString();
}

export function formatRatio(value: number): string {
  return value.toFixed(2);
}

/** `38.8k [37.1k–39.2k]`; a single round shows no range. */
export function formatSpread(
  s: Spread | undefined,
  format: (value: number) => string,
  unit = '',
): string {
  if (!s) return '–';
  const middle = `${format(s.median)}${unit}`;
  if (s.n < 2 || format(s.min) === format(s.max)) return middle;
  return `${middle} [${format(s.min)}–${format(s.max)}]`;
}

export const formatMs = (value: number): string => Math.round(value).toString();
export const formatMb = (value: number): string => Math.round(value).toString();

/** A ratio with its range, `~` in front when it moved more than a stable ratio does between rounds. */
export function formatRatioSpread(s: Spread | undefined): string {
  if (!s) return '–';
  return `${isStable(s) === false ? '~' : ''}${formatSpread(s, formatRatio)}`;
}
