/**
 * The files a generated project gets that differ from the monorepo's: its manifest, standalone
 * TypeScript configs, and the documents that describe a single project rather than a monorepo.
 */

/** Starter files the generator writes anew instead of copying. */
export const REWRITTEN = new Set([
  'package.json',
  'README.md',
  'tsconfig.json',
  'tsconfig.build.json',
]);

/**
 * @param {{
 *   name: string,
 *   framework: string,
 *   starter: Record<string, any>,
 *   root: Record<string, any>,
 *   dependencies: { dependencies: Record<string, string>, devDependencies: Record<string, string> },
 * }} options
 */
export function packageJson({ name, framework, starter, root, dependencies }) {
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

/** @param {Record<string, any>} starterOptions the starter's compiler options, base folded in */
export function tsconfig(starterOptions) {
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

/** @param {Record<string, any>} starterBuildOptions */
export function tsconfigBuild(starterBuildOptions) {
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

/** @param {string} framework */
export function conformanceTargets(framework) {
  return json({ reportsDir: '../reports/conformance', starters: { [framework]: '..' } });
}

/** @param {{ name: string, framework: string, env: string }} options */
export function readme({ name, framework, env }) {
  const variables = [...env.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => `\`${m[1]}\``);
  return `# ${name}

An HTTP API on ${framework}, generated from the ${framework} starter of Rosetta (one API contract,
implemented in the main Node.js frameworks): accounts, JWT authentication with rotating
refresh tokens, per-user tasks and health checks, all described by an OpenAPI 3.1 contract and checked
against it by a conformance suite that ships with the project.

## Quick start

Needs Node.js 24 LTS (\`.nvmrc\`; 22.12 or later works) and nothing else.

\`\`\`sh
npm install
npm start        # builds, then serves http://127.0.0.1:3000 on embedded PostgreSQL (PGlite)
\`\`\`

Open <http://127.0.0.1:3000/docs> for the interactive API reference. Data is kept in \`.data/pglite\`.
To use a PostgreSQL server instead, copy \`.env.example\` to \`.env\` and set \`DATABASE_URL\`:

\`\`\`sh
cp .env.example .env
npm run dev      # reloads on every change and reads .env
\`\`\`

## Commands

| command | what it does |
| --- | --- |
| \`npm start\` | build, then run \`dist/server.js\` |
| \`npm run dev\` | run from source, restarting on change |
| \`npm test\` | build, typecheck, unit tests, then the conformance suite against this app |
| \`npm run test:unit\` | the app's own wiring tests only |
| \`npm run conformance\` | the conformance suite only (needs \`npm run build\` first) |
| \`npm run lint\` / \`npm run format\` | ESLint and Prettier |
| \`npm run generate\` | regenerate \`src/contract/generated\` after editing \`contract/openapi.yaml\` |

The conformance suite boots the built app on a fresh database and checks every response against the
contract. It uses \`TEST_DATABASE_URL\` (or \`DATABASE_URL\`) when set, creating and dropping a database
per run; else a Testcontainers PostgreSQL when Docker is running; else embedded PGlite. Results go to
\`reports/conformance/\`.

## Configuration

Read from the environment (see \`.env.example\` for each one, with its default): ${variables.join(', ')}.
A bad value stops the app at start with every problem listed. \`JWT_SECRET\` (32 characters or more) is
required unless \`NODE_ENV=development\`.

## Layout

\`\`\`
src/
  server.ts, app.ts, http/, ...       the HTTP layer, in ${framework}'s idiom
  runtime/                            how the server runs: the environment it reads (one JSON
                                      Schema), its logger, start-up and graceful shutdown
  domain/                             business logic: entities, migrations, services, typed errors
  contract/                           the contract's runtime side: generated types and JSON Schemas,
                                      problem types, validation options; generated/ is regenerated
contract/openapi.yaml                 the API contract, the single source of truth
test/                                 the HTTP layer's wiring tests; support/rosetta/ their shared helpers
conformance/                          the black-box suite: harness (src/) and tests (test/)
\`\`\`

To change the API: edit \`contract/openapi.yaml\`, run \`npm run generate\`, change the domain and the
HTTP layer, add conformance tests for the new behaviour, and run \`npm test\`. Lint the contract with
\`npx @redocly/cli lint contract/openapi.yaml\`.

## Deploying

\`\`\`sh
npm install                          # once, to create package-lock.json; commit it
docker build -t ${name} .
docker run --rm -p 3000:3000 -e JWT_SECRET="$(openssl rand -hex 32)" -e DATABASE_URL=... ${name}
\`\`\`

The image runs as an unprivileged user, listens on \`0.0.0.0:3000\`, and shuts down gracefully on
SIGTERM. \`.github/workflows/ci.yml\` runs \`npm test\` against a PostgreSQL service on every push.
`;
}

export function dockerfile() {
  return `# syntax=docker/dockerfile:1
# Build:  docker build -t app .
# Run:    docker run --rm -p 3000:3000 -e JWT_SECRET="$(openssl rand -hex 32)" app
ARG NODE_IMAGE=node:24-slim

# Install with dev dependencies, build, then drop them: only compiled code and runtime packages remain.
FROM \${NODE_IMAGE} AS build
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

# Runtime: owned by root, run as the unprivileged \`node\` user, so the process cannot rewrite its code.
FROM \${NODE_IMAGE} AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 PGLITE_DATA_DIR=/data/pglite
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Embedded PGlite (used when DATABASE_URL is unset) keeps its files here; mount a volume to keep them.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
# Liveness only: a database blip should fail readiness, not restart the container.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \\
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM itself.
CMD ["node", "dist/server.js"]
`;
}

export function dockerignore() {
  return lines([
    'node_modules',
    'dist',
    '.data',
    'reports',
    'coverage',
    '.env',
    '.env.*',
    '!.env.example',
    '.git',
  ]);
}

export function gitignore() {
  return lines([
    'node_modules/',
    'dist/',
    '.data/',
    'reports/',
    'coverage/',
    '*.log',
    '.env',
    '.env.*',
    '!.env.example',
  ]);
}

export function prettierignore() {
  return lines(['node_modules', 'dist', '.data', 'reports', 'coverage', 'package-lock.json']);
}

export function ciWorkflow() {
  return `# npm test against a PostgreSQL service: typecheck, unit tests and the conformance suite.
name: CI

on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read

jobs:
  test:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    services:
      postgres:
        image: postgres:17
        env:
          POSTGRES_PASSWORD: postgres
        ports:
          - 5432:5432
        options: >-
          --health-cmd "pg_isready -U postgres"
          --health-interval 5s
          --health-timeout 5s
          --health-retries 20
    env:
      TEST_DATABASE_URL: postgres://postgres:postgres@localhost:5432/postgres
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version-file: .nvmrc
          cache: npm
      - run: npm ci
      - run: npm run lint
      - run: npm test
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: conformance-reports
          path: reports/
          if-no-files-found: ignore
`;
}

/** @param {unknown} value */
function json(value) {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** @param {string[]} entries */
function lines(entries) {
  return `${entries.join('\n')}\n`;
}
