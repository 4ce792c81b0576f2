import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Rosetta checkout this tool runs from. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The frameworks a project can be made from: the conformance suite's registry of starters (one list,
 * so a framework the suite does not know cannot be offered), limited to those present in this
 * checkout: framework name -> starter folder.
 */
export async function availableFrameworks(): Promise<Map<string, string>> {
  const suiteDir = join(repoRoot, 'packages', 'conformance-tests');
  const registry = JSON.parse(readFileSync(join(suiteDir, 'targets.json'), 'utf8'));
  const frameworks = new Map<string, string>();
  for (const [name, folder] of Object.entries(registry.starters as Record<string, string>)) {
    const dir = resolve(suiteDir, folder);
    if (existsSync(join(dir, 'src', 'server.ts'))) frameworks.set(name, dir);
  }
  return frameworks;
}
