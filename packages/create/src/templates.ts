import { readFile } from 'node:fs/promises';

/**
 * The files a generated project gets that differ from the monorepo's: its manifest and standalone
 * TypeScript configs, made here from the starter's own; and its README, Dockerfile, ignore files and
 * CI workflow, real files in ../templates/ (where the linters see them) with `{{placeholders}}`.
 */

/** Starter files the generator writes anew instead of copying. */
export const REWRITTEN = new Set([
  'package.json',
  'README.md',
  'tsconfig.json',
  'tsconfig.build.json',
]);

/** What the generator reads of a package.json: a starter's scripts, the root's install policy. */
export interface Manifest {
  scripts: { build: string; dev: string; test: string };
  allowScripts?: unknown;
  scarfSettings?: unknown;
}

/** A tsconfig's compiler options, as TypeScript reads them from the file. */
export type CompilerOptions = Record<string, unknown>;

export function packageJson({
  name,
  framework,
  starter,
  root,
  dependencies,
}: {
  name: string;
  framework: string;
  starter: Manifest;
  root: Pick<Manifest, 'allowScripts' | 'scarfSettings'>;
  dependencies: { dependencies: Record<string, string>; devDependencies: Record<string, string> };
}): string {
  const manifest = {
    name,
    version: '0.1.0',
    private: true,
    description: `An API built from Rosetta's ${framework} starter.`,
    type: 'module',
    engines: { node: '>=22.12' },
    scripts: {
      build: starter.scripts.build,
      start: 'npm run build && node dist/server.js',
      dev: starter.scripts.dev,
      typecheck: 'tsc',
      lint: 'eslint . && prettier --check .',
      format: 'prettier --write .',
      'test:unit': starter.scripts.test,
      conformance: 'tsx conformance/src/cli.ts --all',
      test: 'npm run build && npm run typecheck && npm run test:unit && npm run conformance',
      generate: 'tsx contract/scripts/generate.ts --out src/contract/generated',
    },
    ...dependencies,
    // openapi-typescript asks for TypeScript 5 as a peer but works with the project's TypeScript; in a
    // single package (unlike the monorepo, which nests a copy) the two must agree.
    overrides: { 'openapi-typescript': { typescript: '$typescript' } },
    // The same install-script policy as the monorepo: none of these scripts is needed, and one reports
    // usage to a third party.
    allowScripts: root.allowScripts,
    scarfSettings: root.scarfSettings,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** `starterOptions`: the starter's compiler options, its base folded in. */
export function tsconfig(starterOptions: CompilerOptions): string {
  const { rootDir: _rootDir, outDir: _outDir, ...options } = starterOptions;
  return json({
    compilerOptions: {
      ...options,
      // The domain's TypeORM entities use decorators.
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      noEmit: true,
    },
    include: ['src', 'test', 'conformance', 'contract/scripts', 'vitest.config.ts'],
  });
}

export function tsconfigBuild(starterBuildOptions: CompilerOptions): string {
  const { declaration: _d, declarationMap: _m, ...options } = starterBuildOptions;
  return json({
    extends: './tsconfig.json',
    compilerOptions: {
      ...options,
      noEmit: false,
      // The contract's browser script for /docs (src/contract/docs-init.js) is carried into dist/.
      allowJs: true,
      rootDir: 'src',
      outDir: 'dist',
      declaration: false,
      declarationMap: false,
    },
    include: ['src'],
  });
}

export function conformanceTargets(framework: string): string {
  return json({ reportsDir: '../reports/conformance', starters: { [framework]: '..' } });
}

/** The files made from ../templates/, by the path they get in the project. */
const TEMPLATES = {
  'README.md': 'README.md',
  Dockerfile: 'Dockerfile',
  '.dockerignore': 'dockerignore',
  '.gitignore': 'gitignore',
  '.prettierignore': 'prettierignore',
  '.github/workflows/ci.yml': 'ci.yml',
} as const;

/**
 * The project's files made from templates: each template's `{{key}}` replaced by `values[key]`. A
 * placeholder with no value is an error, so a template and its caller cannot drift apart unnoticed.
 * (Dot files are stored without their dot, so that they do not act on this repository.)
 */
export async function fromTemplates(values: {
  name: string;
  framework: string;
  env: string;
}): Promise<Record<keyof typeof TEMPLATES, string>> {
  const variables = [...values.env.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => `\`${m[1]}\``);
  const fill: Record<string, string> = { ...values, variables: variables.join(', ') };
  const entries = await Promise.all(
    Object.entries(TEMPLATES).map(async ([target, template]) => {
      const text = await readFile(new URL(`../templates/${template}`, import.meta.url), 'utf8');
      const filled = text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
        const value = fill[key];
        if (value === undefined) throw new Error(`templates/${template}: no value for {{${key}}}`);
        return value;
      });
      return [target, filled] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<keyof typeof TEMPLATES, string>;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
