import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Rosetta checkout this tool runs from. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The frameworks a project can be made from: the conformance suite's registry of starters (one list,
 * so a framework the suite does not know cannot be offered), limited to those present in this checkout.
 *
 * @returns {Promise<Map<string, string>>} framework name -> starter folder
 */
export async function availableFrameworks() {
  const suiteDir = join(repoRoot, 'packages', 'conformance-tests');
  const registry = JSON.parse(readFileSync(join(suiteDir, 'targets.json'), 'utf8'));
  /** @type {Map<string, string>} */
  const frameworks = new Map();
  for (const [name, folder] of Object.entries(
    /** @type {Record<string, string>} */ (registry.starters),
  )) {
    const dir = resolve(suiteDir, folder);
    if (existsSync(join(dir, 'src', 'server.ts'))) frameworks.set(name, dir);
  }
  return frameworks;
}
