import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Scalar } from 'yaml';

/**
 * The files a generated project gets that differ from the monorepo's: its manifest and standalone
 * TypeScript configs, made here from the starter's own; its README, Dockerfile, ignore files and
 * CI workflow, real files in ../templates/ (where the linters see them) with `{{placeholders}}`; and
 * its deploy/ files, made from the monorepo's deploy/.
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
  return json({
    reportsDir: '../reports/conformance',
    // The project's own deploy/haproxy: the suite puts it in front of two instances, as compose does.
    haproxyConfig: '../deploy/haproxy/haproxy.cfg',
    starters: { [framework]: '..' },
  });
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

/**
 * The project's deploy/: the monorepo's compose stack and Kubernetes manifests, read when the project
 * is made rather than kept as templates, so there is one copy to maintain and it is the one deploy/'s
 * tests check against the Compose and Kubernetes schemas. Only what belongs to the monorepo changes:
 * the replicas build the project's own Dockerfile at its root (one starter, so no STARTER argument),
 * and the image is named after the project. deploy/haproxy/ is copied as it is, by the caller.
 */
export async function deployFiles(
  deployDir: string,
  name: string,
): Promise<Record<string, string>> {
  const read = (file: string) => readFile(join(deployDir, file), 'utf8');
  const files: Record<string, string> = {
    'deploy/compose.yaml': projectCompose(await read('compose.yaml'), name),
    'deploy/.env.example': withoutStarter(await read('.env.example')),
  };
  for (const file of await readdir(join(deployDir, 'kubernetes'))) {
    const text = await read(join('kubernetes', file));
    files[`deploy/kubernetes/${file}`] =
      file === 'kustomization.yaml' ? projectKustomization(text, name) : text;
  }
  return files;
}

// As Prettier writes YAML: long values unfolded, `[a, b]` unpadded. Comments and layout are kept.
const YAML_OUTPUT = { lineWidth: 0, flowCollectionPadding: false } as const;

function projectCompose(text: string, name: string): string {
  const doc = parseDocument(text);
  const app = doc.get('x-app', true);
  const build = isMap(app)
    ? app.items.find((p) => isScalar(p.key) && p.key.value === 'build')
    : undefined;
  if (!isMap(app) || !build)
    throw new Error('deploy/compose.yaml no longer builds from x-app.build');
  app.set('image', name);
  build.value = doc.createNode({ context: '..' });
  (build.key as Scalar).commentBefore = " The project's Dockerfile, at its root.";
  return doc.toString(YAML_OUTPUT);
}

function projectKustomization(text: string, name: string): string {
  const doc = parseDocument(text);
  const images = doc.get('images', true);
  const image = isSeq(images) ? images.items.find(isMap) : undefined;
  if (!image?.has('newName')) throw new Error('deploy/kubernetes/kustomization.yaml sets no image');
  image.set('newName', name);
  return doc.toString(YAML_OUTPUT);
}

/** .env.example less STARTER (and the comment above it), which only the monorepo's stack reads. */
function withoutStarter(text: string): string {
  const pattern = /^(#.*\n)*STARTER=.*\n\n?/m;
  if (!pattern.test(text)) throw new Error('deploy/.env.example no longer sets STARTER');
  return text.replace(pattern, '');
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
