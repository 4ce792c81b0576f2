import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '@rosetta/conformance-tests/args';
import { interpolateAll, variablesIn } from './support/interpolate.js';
import { readText, readYaml } from './support/yaml.js';

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

  it('runs the conformance suite through the proxy with flags its CLI accepts', () => {
    const run = stepRunning('npm run conformance -w @rosetta/conformance-tests --')?.run ?? '';
    // The workflow's own command line, its variables given values, read by the CLI's own parser,
    // which refuses a flag it does not know.
    const words = [...run.matchAll(/"([^"]*)"|(\S+)/g)].map((m) =>
      (m[1] ?? m[2]!).replace(/^\$(\w+)$/, (_, name: string) => job.env?.[name] ?? 'value'),
    );
    const argv = words.slice(words.indexOf('--') + 1);
    const args = parseCliArgs(argv);
    expect(args.url?.baseUrl).toBe('http://localhost:8080');
    expect(args.url?.jwtSecret).toBeDefined();
    expect(args.url?.admin).toEqual({ email: job.env?.ADMIN_EMAIL, password: 'value' });
    expect(() => parseCliArgs([...argv, '--jwt-secrt', 'value'])).toThrow();
  });
});
