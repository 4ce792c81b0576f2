import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validate as validateDockerfile } from 'dockerfile-utils';
import * as prettier from 'prettier';
import { parse } from 'yaml';
import { availableFrameworks, repoRoot } from '../src/frameworks.js';

const bin = resolve(import.meta.dirname, '..', 'bin', 'create-rosetta.js');
const frameworks = [...(await availableFrameworks()).keys()];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a user's shell on a bare machine: npm's per-script variables, and the
 * NODE_ENV=test that Vitest sets, are dropped, so commands in a generated project behave as they
 * would for its user; so are CI's database and Redis. A project's suite then runs on embedded PGlite,
 * which is the zero-install path a new user takes, and the groups that need a Redis show n/a (they
 * run for every starter in the monorepo's own suite).
 */
const userEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) =>
      !/^npm_(package|lifecycle)_/.test(key) &&
      ![
        'INIT_CWD',
        'NODE_ENV',
        'TEST_DATABASE_URL',
        'DATABASE_URL',
        'TEST_REDIS_URL',
        'REDIS_URL',
      ].includes(key),
  ),
);

/** Runs a command to completion in a user's environment. */
function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: userEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const create = (args: string[]) => run(process.execPath, [bin, ...args], tmpdir());

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter(
      (e) => e.isFile() && !join(e.parentPath, e.name).includes(`${join(dir, 'node_modules')}`),
    )
    .map((e) => join(e.parentPath, e.name));
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'rosetta-create-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('create-rosetta', () => {
  it('refuses an unknown framework with exit code 2, naming the choices', async () => {
    const result = await create(['koa', join(scratch, 'koa-app')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown framework "koa"');
    expect(result.stderr).toContain(frameworks[0]);
    expect(existsSync(join(scratch, 'koa-app'))).toBe(false);
  });

  it('refuses a directory that is not empty, and leaves it untouched', async () => {
    const dir = join(scratch, 'occupied');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const result = await create([frameworks[0]!, dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not empty');
    expect(await readdir(dir)).toEqual(['notes.txt']);
  });

  it('refuses a directory inside the Rosetta checkout', async () => {
    const result = await create([frameworks[0]!, join(repoRoot, 'packages', 'my-app')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('inside the Rosetta checkout');
  });

  it('refuses --platform for a framework with one platform, and an unknown platform', async () => {
    const other = frameworks.find((framework) => framework !== 'nest')!;
    const single = await create([other, join(scratch, 'one-platform'), '--platform', 'fastify']);
    expect(single.code).toBe(2);
    expect(single.stderr).toContain('--platform is for nest only');
    const unknown = await create(['nest', join(scratch, 'nest-koa'), '--platform', 'koa']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown platform "koa"');
    expect(existsSync(join(scratch, 'nest-koa'))).toBe(false);
  });

  it('makes --platform the Nest project default, and leaves Express the default without it', async () => {
    const defaultOf = async (dir: string) =>
      /DEFAULT_PLATFORM: PlatformName = '(\w+)'/.exec(
        await readFile(join(dir, 'src', 'config.ts'), 'utf8'),
      )?.[1];
    const plain = join(scratch, 'nest-plain');
    expect((await create(['nest', plain])).code).toBe(0);
    expect(await defaultOf(plain)).toBe('express');
    const onFastify = join(scratch, 'nest-on-fastify');
    expect((await create(['nest', onFastify, '--platform', 'fastify'])).code).toBe(0);
    expect(await defaultOf(onFastify)).toBe('fastify');
  });

  it('prints its usage with exit code 2 when arguments are missing', async () => {
    const result = await create([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: create-rosetta <framework> <directory>');
  });
});

describe('a generated project', () => {
  let dir: string;
  beforeAll(async () => {
    dir = join(scratch, 'My Shiny API');
    const result = await create([frameworks[0]!, dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('npm install');
  });

  it('is named after its folder, as npm allows', async () => {
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(manifest.name).toBe('my-shiny-api');
  });

  it('imports nothing from the monorepo: every import resolves inside the project', async () => {
    for (const file of await listFiles(dir)) {
      if (!/\.(ts|js)$/.test(file)) continue;
      const source = await readFile(file, 'utf8');
      expect(source, file).not.toContain('@rosetta/');
      for (const [, specifier] of source.matchAll(/from\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = resolve(dirname(file), specifier!);
        expect(target.startsWith(dir + '/'), `${file} imports ${specifier}`).toBe(true);
        const candidates = [target, target.replace(/\.js$/, '.ts')];
        expect(
          candidates.some((c) => existsSync(c)),
          `${file} imports missing ${specifier}`,
        ).toBe(true);
      }
    }
  });

  it('pins every dependency to an exact version', async () => {
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    const all = { ...manifest.dependencies, ...manifest.devDependencies } as Record<string, string>;
    expect(Object.keys(all).length).toBeGreaterThan(10);
    for (const [name, version] of Object.entries(all)) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
    }
  });

  it('brings its Dockerfile, environment template, ignore files, CI workflow, README and deploy/', async () => {
    for (const file of [
      'Dockerfile',
      'deploy/compose.yaml',
      'deploy/.env.example',
      'deploy/kubernetes/kustomization.yaml',
      'deploy/haproxy/haproxy.cfg',
      '.dockerignore',
      '.env.example',
      '.gitignore',
      '.github/workflows/ci.yml',
      'README.md',
      'contract/openapi.yaml',
      'conformance/targets.json',
    ]) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('npm start');
    expect(readme).not.toMatch(/-w @rosetta|packages\//);
    // The Dockerfile passes the same linter as the repository's own.
    const dockerfile = await readFile(join(dir, 'Dockerfile'), 'utf8');
    expect(
      validateDockerfile(dockerfile).map((d) => `${d.range.start.line + 1}: ${d.message}`),
    ).toEqual([]);
  });

  it("brings deploy/: a compose stack that builds its own Dockerfile, the Kubernetes manifests, HAProxy's config", async () => {
    const compose = parse(await readFile(join(dir, 'deploy', 'compose.yaml'), 'utf8'));
    const build = compose.services.app1.build as { context: string; dockerfile?: string };
    expect(build).toEqual({ context: '..' });
    expect(resolve(dir, 'deploy', build.context)).toBe(dir);
    expect(existsSync(join(dir, 'Dockerfile'))).toBe(true);
    expect(compose.services.app2).toEqual(compose.services.app1);
    const kubernetes = await readdir(join(repoRoot, 'deploy', 'kubernetes'));
    expect((await readdir(join(dir, 'deploy', 'kubernetes'))).sort()).toEqual(kubernetes.sort());
    // HAProxy's config and error pages, byte for byte: the config names their paths.
    const haproxy = join(repoRoot, 'deploy', 'haproxy');
    for (const file of await listFiles(haproxy)) {
      const copy = join(dir, 'deploy', 'haproxy', relative(haproxy, file));
      expect(await readFile(copy), copy).toEqual(await readFile(file));
    }
    // ...which the project's conformance suite finds, to put in front of two instances.
    const targets = JSON.parse(await readFile(join(dir, 'conformance', 'targets.json'), 'utf8'));
    expect(resolve(dir, 'conformance', targets.haproxyConfig)).toBe(
      join(dir, 'deploy', 'haproxy', 'haproxy.cfg'),
    );
    // The project's own `npm run lint` checks them with Prettier.
    const style = JSON.parse(await readFile(join(dir, '.prettierrc.json'), 'utf8'));
    for (const file of (await listFiles(join(dir, 'deploy'))).filter((f) => f.endsWith('.yaml'))) {
      expect(
        await prettier.check(await readFile(file, 'utf8'), { ...style, filepath: file }),
        file,
      ).toBe(true);
    }
  });
});

// Concurrent, as many at a time as maxConcurrency in vitest.config.ts allows.
// Nest's project is made on its second platform, Fastify: the suite in the monorepo runs both
// platforms (nest and nest-fastify), and this is where the platform switch of `create` is proven.
// The first project runs its whole `npm test`. The others share its copied harness, tests and test
// support, and their starters' source and unit tests are what the monorepo just ran, so each builds,
// typechecks (its tests included) and runs the groups of the suite that prove the project's own
// wiring: it boots on its database, serves its contract, signs in, keeps tasks, and boots instances
// of its own.
const smokeFiles = [
  'test/ops/health',
  'test/ops/openapi',
  'test/auth/register',
  'test/auth/login',
  'test/tasks/create-task',
  'test/tasks/get-task',
  'test/ops/metrics',
];
const projects = frameworks.map((framework, index) => ({
  name: framework === 'nest' ? 'nest on fastify' : framework,
  framework,
  options: framework === 'nest' ? ['--platform', 'fastify'] : [],
  whole: index === 0,
}));

describe.concurrent('each project, outside the monorepo', () => {
  it.for(projects)(
    '$name installs, passes its own tests, starts with npm start and answers /health',
    async ({ framework, options, whole }, { expect }) => {
      const dir = join(scratch, `${framework}-app`);
      expect((await create([framework, dir, ...options])).code).toBe(0);

      const install = await run(
        'npm',
        ['install', '--no-audit', '--no-fund', '--prefer-offline'],
        dir,
      );
      expect(install.code, install.stderr).toBe(0);

      const steps: string[][] = whole
        ? [['test']]
        : [
            ['run', 'build'],
            ['run', 'typecheck'],
            ['run', 'conformance', '--', ...smokeFiles],
          ];
      let suiteOutput = '';
      for (const step of steps) {
        const result = await run('npm', step, dir);
        suiteOutput = result.stdout;
        expect(
          result.code,
          `npm ${step.join(' ')}\n${result.stdout.slice(-4000)}${result.stderr.slice(-2000)}`,
        ).toBe(0);
      }
      // With no database configured the suite ran on embedded PGlite, as on a bare machine (or in
      // Testcontainers, where a Docker engine answers), and the whole suite covered the contract,
      // whatever its current number of pairs.
      expect(suiteOutput).toMatch(/\(db: (pglite|testcontainers), instances: 1\)/);
      if (whole) expect(suiteOutput).toMatch(/ (\d+)\/\1 \(operation,status\) pairs/);

      // npm start builds and serves; PORT=0 takes a free port, which the start-up log line reports.
      const server = spawn('npm', ['start'], {
        cwd: dir,
        detached: true,
        env: { ...userEnv, PORT: '0', LOG_LEVEL: 'info', PGLITE_DATA_DIR: 'memory://' },
      });
      const exited = new Promise((stopped) => server.on('exit', stopped));
      try {
        let output = '';
        const url = await new Promise<string>((found, fail) => {
          const timer = setTimeout(
            () => fail(new Error(`no "listening on" line:\n${output}`)),
            120_000,
          );
          void exited.then(() => fail(new Error(`npm start exited before listening:\n${output}`)));
          const read = (chunk: Buffer) => {
            output += chunk;
            const match = /listening on (http:\/\/[^\s"]+)/.exec(output);
            if (match) {
              clearTimeout(timer);
              found(match[1]!);
            }
          };
          server.stdout.on('data', read);
          server.stderr.on('data', read);
        });
        // The start-up line names the platform, so this proves the one --platform chose runs.
        if (options.length > 0) expect(output).toContain(`Nest on ${options[1]}`);
        const health = await fetch(`${url}/health`);
        expect(health.status).toBe(200);
        expect(await health.json()).toEqual({ status: 'ok' });
      } finally {
        // The whole process group: npm, the shell it runs, and the server.
        if (server.exitCode === null && server.signalCode === null)
          process.kill(-server.pid!, 'SIGTERM');
        await exited;
      }
    },
  );
});
