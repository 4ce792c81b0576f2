import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Numbers a test group measured (requests sent, statuses seen, RSS, seeds), kept beside its pass or
 * fail so the results JSON and the report can show them per target. A value is a number, a string, a
 * boolean, or a flat record of numbers (a status histogram, say).
 */
export type Figure = number | string | boolean | Record<string, number>;
export type Figures = Record<string, Figure>;

const FOLDER = 'figures';

/**
 * Records figures for a group (the test file's name, `fuzzing`, `soak`…). Test files run in worker
 * threads, so each call writes its own file, and `readFigures` merges them once the run is over; a key
 * recorded twice in one group keeps the value read last.
 */
export function recordFigures(runDir: string, group: string, figures: Figures): void {
  const dir = join(runDir, FOLDER);
  mkdirSync(dir, { recursive: true });
  const file = `${group}--${Date.now()}-${randomBytes(3).toString('hex')}.json`;
  writeFileSync(join(dir, file), JSON.stringify(figures));
}

/** Every group's figures from a run, merged; groups sorted by name. */
export function readFigures(runDir: string): Record<string, Figures> {
  let files: string[];
  try {
    files = readdirSync(join(runDir, FOLDER)).sort();
  } catch {
    return {};
  }
  const groups: Record<string, Figures> = {};
  for (const file of files) {
    const group = file.slice(0, file.lastIndexOf('--'));
    const figures = JSON.parse(readFileSync(join(runDir, FOLDER, file), 'utf8')) as Figures;
    groups[group] = { ...groups[group], ...figures };
  }
  return Object.fromEntries(Object.entries(groups).sort(([a], [b]) => a.localeCompare(b)));
}
