import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEEP_BYTES = 2_000_000;
const KEEP_LINES = 200;

/**
 * Servers log every request at `info`, which is part of what is measured, but a full run leaves
 * hundreds of megabytes of it. Once the run is over, each big log keeps its start (boot, seeding) and
 * its end (shutdown), which is where problems show.
 */
export function trimLogs(dir: string): void {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.log'))) {
    const file = join(dir, name);
    if (statSync(file).size <= KEEP_BYTES) continue;
    writeFileSync(file, trimmed(readFileSync(file, 'utf8')));
  }
}

export function trimmed(text: string, keep = KEEP_LINES): string {
  const lines = text.split('\n');
  if (lines.length <= keep * 2) return text;
  return [
    ...lines.slice(0, keep),
    `… ${lines.length - keep * 2} lines of request logs left out by the bench …`,
    ...lines.slice(-keep),
  ].join('\n');
}
