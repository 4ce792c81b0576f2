import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pinnedCommand } from './launch.js';
import type { LoadResult, LoadSpec } from './load-runner.js';

const run = promisify(execFile);
const runnerScript = join(import.meta.dirname, 'load-runner.js');

/**
 * Runs autocannon in its own process, pinned to the load core, so the generator never competes with
 * the bench (or a database hosted in it) for the server's core.
 */
export async function generateLoad(spec: LoadSpec, core: number | null): Promise<LoadResult> {
  const [command, args] = pinnedCommand(core, [runnerScript, JSON.stringify(spec)]);
  const { stdout } = await run(command, args, {
    maxBuffer: 1024 * 1024,
    timeout: (spec.durationSeconds + 60) * 1000,
  });
  const line = stdout.trim().split('\n').at(-1);
  if (!line) throw new Error('The load generator printed nothing.');
  return JSON.parse(line) as LoadResult;
}
