import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { repoRoot } from './frameworks.js';

/**
 * The packages whose dependencies a project needs: at run time the starter, the domain, the runtime
 * and the contract; for development and tests also the conformance suite, the shared test support,
 * the contract's generator and the repository's own tooling (TypeScript, Vitest, ESLint, Prettier,
 * tsx).
 */
const RUNTIME = ['domain', 'runtime', 'shared-contract'];
const DEVELOPMENT = ['conformance-tests', 'test-support'];
const CONTRACT_TOOLS = ['openapi-typescript', 'yaml'];
const ROOT_TOOLS = [
  '@eslint/js',
  '@types/node',
  'eslint',
  'eslint-config-prettier',
  'eslint-import-resolver-typescript',
  'eslint-plugin-import-x',
  'globals',
  'prettier',
  'tsx',
  'typescript',
  'typescript-eslint',
  'vitest',
];

/**
 * Every dependency the new project declares, pinned to the exact version this checkout's lockfile
 * resolved and tested, so the project starts from a known-good set rather than whatever is newest.
 */
export async function pinnedDependencies(
  starterDir: string,
): Promise<{ dependencies: Record<string, string>; devDependencies: Record<string, string> }> {
  const lock = JSON.parse(await readFile(join(repoRoot, 'package-lock.json'), 'utf8')) as Lockfile;
  const rootManifest = (await manifest(repoRoot)) as Manifest;
  const workspace = (name: string) => join(repoRoot, 'packages', name);

  // dependency -> the workspace folder that declares it
  const runtime = new Map<string, string>();
  const development = new Map<string, string>();
  const starter = await manifest(starterDir);
  for (const name of Object.keys(starter.dependencies ?? {})) runtime.set(name, starterDir);
  for (const name of Object.keys(starter.devDependencies ?? {})) development.set(name, starterDir);
  for (const ws of RUNTIME) {
    const m = await manifest(workspace(ws));
    for (const name of Object.keys(m.dependencies ?? {})) runtime.set(name, workspace(ws));
  }
  for (const ws of DEVELOPMENT) {
    const m = await manifest(workspace(ws));
    for (const name of Object.keys({ ...m.dependencies, ...m.devDependencies })) {
      development.set(name, workspace(ws));
    }
  }
  for (const name of CONTRACT_TOOLS) development.set(name, workspace('shared-contract'));
  for (const name of ROOT_TOOLS) {
    if (!rootManifest.devDependencies?.[name])
      throw new Error(`The root package.json lacks ${name}`);
    development.set(name, repoRoot);
  }

  const pin = (declared: Map<string, string>) =>
    Object.fromEntries(
      [...declared]
        .filter(
          ([name]) =>
            !name.startsWith('@rosetta/') && !(declared === development && runtime.has(name)),
        )
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, dir]) => [name, resolvedVersion(lock, dir, name)]),
    );
  return { dependencies: pin(runtime), devDependencies: pin(development) };
}

/**
 * The version npm installed for `name` as seen from `dir`: a copy nested under the workspace wins
 * over the hoisted one, exactly as Node resolves it.
 */
function resolvedVersion(lock: Lockfile, dir: string, name: string): string {
  const workspacePath = relative(repoRoot, dir);
  const nested = workspacePath ? lock.packages[`${workspacePath}/node_modules/${name}`] : undefined;
  const version = (nested ?? lock.packages[`node_modules/${name}`])?.version;
  if (!version) throw new Error(`package-lock.json has no resolved version of ${name}`);
  return version;
}

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

interface Lockfile {
  packages: Record<string, { version?: string }>;
}

async function manifest(dir: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Manifest;
}
