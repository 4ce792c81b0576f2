import { cp, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import * as prettier from 'prettier';
import ts from 'typescript';
import { pinnedDependencies } from './dependencies.js';
import { availableFrameworks, repoRoot } from './frameworks.js';
import * as templates from './templates.js';

/** A mistake in how the tool was called: the CLI prints it and exits 2, without a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

// What is build output, local state or monorepo plumbing, never part of a new project.
const SKIPPED = new Set(['node_modules', 'dist', '.turbo', '.data', 'reports', 'coverage']);

/**
 * Where each workspace package lands in the new project. Everything the starter imports as a package
 * becomes ordinary source under src/, so the project has no workspace references and no `../` out of
 * itself: it can be moved, renamed and pushed as it is.
 */
const PACKAGE_HOMES: Record<string, string> = {
  '@rosetta/domain': 'src/domain/index.js',
  '@rosetta/runtime': 'src/runtime/index.js',
  '@rosetta/shared-contract': 'src/contract/index.js',
  '@rosetta/test-support': 'test/support/rosetta/index.js',
};

/** The HTTP platforms the Nest starter runs on (its `NEST_ADAPTER`), its default first. */
export const NEST_PLATFORMS = ['express', 'fastify'];

/**
 * Makes `platform` the Nest starter's default (its `DEFAULT_PLATFORM`), so `npm start`, the unit tests
 * and the conformance suite all run on it.
 */
async function setDefaultPlatform(file: string, platform: string): Promise<void> {
  const source = await readFile(file, 'utf8');
  const pattern = /^(export const DEFAULT_PLATFORM: PlatformName = )'\w+';$/m;
  if (!pattern.test(source)) throw new Error(`${file} no longer declares DEFAULT_PLATFORM`);
  await writeFile(file, source.replace(pattern, `$1'${platform}';`));
}

/**
 * Writes a standalone project for one starter into `targetDir`. For nest, `platform` is the one it
 * runs on when `NEST_ADAPTER` is unset.
 */
export async function createProject({
  framework,
  targetDir,
  platform,
}: {
  framework: string;
  targetDir: string;
  platform?: string | undefined;
}): Promise<{ name: string; dir: string; framework: string }> {
  const frameworks = await availableFrameworks();
  const starterDir = frameworks.get(framework);
  if (!starterDir) {
    const known = [...frameworks.keys()].join(', ');
    throw new UsageError(`Unknown framework "${framework}". Choose one of: ${known}.`);
  }
  if (platform !== undefined && framework !== 'nest') {
    throw new UsageError(`--platform is for nest only; ${framework} has one platform.`);
  }
  if (platform !== undefined && !NEST_PLATFORMS.includes(platform)) {
    throw new UsageError(
      `Unknown platform "${platform}". Choose one of: ${NEST_PLATFORMS.join(', ')}.`,
    );
  }
  const dir = resolve(targetDir);
  if (await isNonEmptyDirectory(dir)) {
    throw new UsageError(`${dir} is not empty. Choose a new or empty directory.`);
  }
  if (isInside(dir, repoRoot)) {
    throw new UsageError(`${dir} is inside the Rosetta checkout. Create the project outside it.`);
  }
  const name = packageName(basename(dir));

  const contractDir = join(repoRoot, 'packages', 'shared-contract');
  const suiteDir = join(repoRoot, 'packages', 'conformance-tests');
  await mkdir(dir, { recursive: true });
  await copy(starterDir, dir, (path) => !templates.REWRITTEN.has(path));
  await copy(join(repoRoot, 'packages', 'domain', 'src'), join(dir, 'src', 'domain'));
  await copy(join(repoRoot, 'packages', 'runtime', 'src'), join(dir, 'src', 'runtime'));
  await copy(
    join(repoRoot, 'packages', 'test-support', 'src'),
    join(dir, 'test', 'support', 'rosetta'),
  );
  await copy(join(contractDir, 'src'), join(dir, 'src', 'contract'));
  for (const file of ['openapi.yaml', 'redocly.yaml', '.redocly.lint-ignore.yaml', 'scripts']) {
    await cp(join(contractDir, file), join(dir, 'contract', file), { recursive: true });
  }
  // The suite's harness and tests, not its own unit tests: those test the harness, not the project.
  await copy(
    join(suiteDir, 'src'),
    join(dir, 'conformance', 'src'),
    (path) => !path.endsWith('.test.ts'),
  );
  await copy(join(suiteDir, 'test'), join(dir, 'conformance', 'test'));
  await copy(join(repoRoot, 'deploy', 'haproxy'), join(dir, 'deploy', 'haproxy'));
  await rewriteImports(dir);
  if (platform) await setDefaultPlatform(join(dir, 'src', 'config.ts'), platform);

  const starterManifest = await readManifest(join(starterDir, 'package.json'));
  const files = {
    'package.json': templates.packageJson({
      name,
      framework,
      starter: starterManifest,
      root: await readManifest(join(repoRoot, 'package.json')),
      dependencies: await pinnedDependencies(starterDir),
    }),
    'tsconfig.json': templates.tsconfig(await readTsconfig(join(starterDir, 'tsconfig.json'))),
    'tsconfig.build.json': templates.tsconfigBuild(
      await readTsconfig(join(starterDir, 'tsconfig.build.json')),
    ),
    'conformance/targets.json': templates.conformanceTargets(framework),
    ...(await templates.fromTemplates({
      name,
      framework,
      env: await readFile(join(starterDir, '.env.example'), 'utf8'),
    })),
    ...(await templates.deployFiles(join(repoRoot, 'deploy'), name)),
    '.prettierrc.json': await readFile(join(repoRoot, '.prettierrc.json'), 'utf8'),
    '.nvmrc': await readFile(join(repoRoot, '.nvmrc'), 'utf8'),
    'eslint.config.js': await readFile(join(repoRoot, 'eslint.config.js'), 'utf8'),
  };
  const style = (await prettier.resolveConfig(join(repoRoot, 'package.json'))) ?? {};
  for (const [file, content] of Object.entries(files)) {
    const path = join(dir, file);
    await mkdir(dirname(path), { recursive: true });
    // The project lints with Prettier, so what the generator writes must already pass it.
    const { inferredParser } = await prettier.getFileInfo(path);
    await writeFile(
      path,
      inferredParser ? await prettier.format(content, { ...style, filepath: path }) : content,
    );
  }
  return { name, dir, framework };
}

/**
 * Copies a tree, leaving out build output and local state. `keep` sees paths relative to `from`.
 */
async function copy(
  from: string,
  to: string,
  keep: (relativePath: string) => boolean = () => true,
): Promise<void> {
  await cp(from, to, {
    recursive: true,
    filter: (source) => {
      const path = relative(from, source);
      if (path === '') return true;
      return !path.split(sep).some((part) => SKIPPED.has(part)) && keep(path.split(sep).join('/'));
    },
  });
}

/**
 * Points every import of a workspace package at the source now inside the project, as a relative
 * path from the importing file. Nothing else changes: the packages never import each other any
 * other way, so their relative imports stay valid where they were copied.
 */
async function rewriteImports(dir: string): Promise<void> {
  for (const file of await listFiles(dir)) {
    if (!file.endsWith('.ts')) continue;
    const source = await readFile(file, 'utf8');
    const rewritten = source.replace(
      /(['"])(@rosetta\/[a-z-]+)\1/g,
      (match, quote: string, specifier: string) => {
        const home = PACKAGE_HOMES[specifier];
        if (!home) return match;
        let path = relative(dirname(file), join(dir, home)).split(sep).join('/');
        if (!path.startsWith('.')) path = `./${path}`;
        return `${quote}${path}${quote}`;
      },
    );
    if (rewritten !== source) await writeFile(file, rewritten);
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function isNonEmptyDirectory(dir: string): Promise<boolean> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) return false;
  if (!info.isDirectory()) throw new UsageError(`${dir} exists and is not a directory.`);
  return (await readdir(dir)).length > 0;
}

function isInside(path: string, parent: string): boolean {
  const rel = relative(parent, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

/** A valid npm package name from a folder name: lower case, URL-safe. */
function packageName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+|[-]+$/g, '');
  return name || 'rosetta-app';
}

async function readManifest(file: string): Promise<templates.Manifest> {
  return JSON.parse(await readFile(file, 'utf8')) as templates.Manifest;
}

/**
 * A tsconfig's own compiler options, with the base it extends folded in, so the project's tsconfig
 * stands alone. TypeScript's own reader, because tsconfig files may hold comments.
 */
async function readTsconfig(file: string): Promise<templates.CompilerOptions> {
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error)
    throw new Error(
      `Cannot read ${file}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`,
    );
  const base = config.extends ? await readTsconfig(resolve(dirname(file), config.extends)) : {};
  return { ...base, ...config.compilerOptions };
}
