import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { interpolateAll, variablesIn } from './support/interpolate.js';
import { readText, readYaml, repoRoot } from './support/yaml.js';

/**
 * The GitHub Actions job that builds each starter's image and runs the conformance suite through the
 * compose stack: it runs only on GitHub, so what can be checked here is checked here.
 */
interface Job {
  strategy?: { matrix?: { starter?: string[] } };
  env?: Record<string, string>;
  steps: { run?: string; if?: string }[];
}

const workflow = readYaml('.github/workflows/ci.yml') as { jobs: Record<string, Job> };
const job = workflow.jobs.compose!;
const runs = job.steps.map((step) => step.run ?? '');
function succeeds(action: () => unknown): boolean {
  try {
    action();
    return true;
  } catch {
    return false;
  }
}
const stepRunning = (command: string) => job.steps.find((s) => s.run?.includes(command));

describe('the compose job of .github/workflows/ci.yml', () => {
  it("builds every starter the Dockerfile can build: the conformance suite's registry", () => {
    const registry = JSON.parse(readText('packages/conformance-tests/targets.json')) as {
      starters: Record<string, string>;
    };
    expect(job.strategy?.matrix?.starter?.sort()).toEqual(Object.keys(registry.starters).sort());
    expect(job.env?.STARTER).toBe('${{ matrix.starter }}');
  });

  it('builds, starts and waits for the stack of deploy/compose.yaml, and always takes it down', () => {
    expect(stepRunning('docker compose -f deploy/compose.yaml build')).toBeDefined();
    expect(stepRunning('docker compose -f deploy/compose.yaml up -d --wait')).toBeDefined();
    expect(stepRunning('docker compose -f deploy/compose.yaml down -v')?.if).toBe('always()');
  });

  it('sets every variable compose.yaml requires, with no value written in the workflow', () => {
    const compose = readYaml('deploy/compose.yaml');
    const names = variablesIn(compose);
    // Required: without it, and every other variable set, Compose refuses the file.
    const required = names.filter((name) => {
      const others = Object.fromEntries(names.map((n) => [n, n === name ? '' : 'value']));
      return !succeeds(() => interpolateAll(compose, others));
    });
    expect(required.sort()).toEqual(['JWT_SECRET', 'POSTGRES_PASSWORD']);
    for (const name of required) {
      expect(job.env?.[name], `${name} must not be written in the workflow`).toBeUndefined();
      expect(
        runs.some(
          (run) => run.includes(`echo "${name}=$(openssl rand`) && run.includes('$GITHUB_ENV'),
        ),
        `${name} must be generated for the run`,
      ).toBe(true);
    }
  });

  it(
    'runs the conformance suite through the proxy with flags its CLI accepts',
    { timeout: 30_000 },
    () => {
      const run = stepRunning('npm run conformance -w @rosetta/conformance-tests --')?.run ?? '';
      expect(run).toContain('--url http://localhost:8080');
      for (const flag of ['--jwt-secret', '--admin-email', '--admin-password'])
        expect(run).toContain(flag);
      // The workflow's own command line, its variables given values, once more with --help: the CLI
      // parses every flag first, and exits 2 on one it does not know.
      const args = [...run.matchAll(/"([^"]*)"|(\S+)/g)].map((m) =>
        (m[1] ?? m[2]!).replace(/^\$(\w+)$/, (_, name: string) => job.env?.[name] ?? 'value'),
      );
      const cli = (argv: string[]) =>
        spawnSync('npm', [...argv, '--help'], { cwd: repoRoot, encoding: 'utf8' });
      const result = cli(args.slice(1));
      expect(result.status, result.stderr).toBe(0);
      expect(cli([...args.slice(1), '--jwt-secrt', 'value']).status).not.toBe(0);
    },
  );
});
