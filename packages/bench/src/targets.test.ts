import { describe, expect, it } from 'vitest';
import { scenariosOf } from './prepare.js';
import { planTargets, type StarterInfo } from './targets.js';

const starter = (name: string, built = true, variants: string[] = []): StarterInfo => ({
  name,
  packageDir: `/repo/packages/${name}-starter`,
  built,
  variants,
});
const dirs = { dist: '/repo/packages/bench/dist' };
const names = (plan: ReturnType<typeof planTargets>) => plan.targets.map((t) => t.name);

describe('planTargets', () => {
  it('runs the two references, then every built starter followed by its hello-world', () => {
    const plan = planTargets([starter('express'), starter('hono')], [], dirs);
    expect(names(plan)).toEqual([
      'sql-limit',
      'node-http',
      'express',
      'hello-express',
      'hono',
      'hello-hono',
    ]);
    expect(plan.targets.find((t) => t.name === 'express')).toMatchObject({
      kind: 'starter',
      hello: 'hello-express',
      script: '/repo/packages/express-starter/dist/server.js',
      cwd: '/repo/packages/express-starter',
      database: true,
      measures: 'all',
      readyPath: '/health/ready',
    });
    expect(plan.targets.find((t) => t.name === 'hello-hono')).toMatchObject({
      kind: 'hello',
      script: '/repo/packages/bench/dist/hello/hono.js',
      database: false,
      measures: 'health',
      readyPath: '/health',
    });
  });

  it('runs each starter next to a twin with its telemetry on, when there is a sink for its spans', () => {
    const plan = planTargets([starter('express')], [], {
      ...dirs,
      telemetryEndpoint: 'http://127.0.0.1:4318',
    });
    expect(names(plan)).toEqual([
      'sql-limit',
      'node-http',
      'express-telemetry',
      'express',
      'hello-express',
    ]);
    const twin = plan.targets.find((t) => t.name === 'express-telemetry')!;
    expect(twin).toMatchObject({
      kind: 'starter',
      telemetryOf: 'express',
      script: '/repo/packages/express-starter/dist/server.js',
      measures: 'telemetry',
      env: { METRICS_ENABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' },
    });
    expect(twin.env.METRICS_TOKEN).toMatch(/^[0-9a-f]{48}$/);
    // Its ratio is to the starter, not to the hello-world.
    expect(twin.hello).toBeUndefined();
    expect(scenariosOf(twin).map((s) => s.id)).toEqual(['health', 'get-task']);
    expect(plan.targets.find((t) => t.name === 'express')!.env).toEqual({});
  });

  it('measures sql-limit on the database scenarios and the domain on node:http on all of them', () => {
    const [sql, domain] = planTargets([], [], dirs).targets;
    expect(sql).toMatchObject({
      name: 'sql-limit',
      kind: 'limit',
      script: '/repo/packages/bench/dist/reference/sql-limit.js',
      database: true,
      measures: 'database',
      readyPath: '/health/ready',
    });
    expect(domain).toMatchObject({
      name: 'node-http',
      kind: 'limit',
      label: 'the domain on node:http',
      script: '/repo/packages/bench/dist/reference/node-http.js',
      measures: 'all',
    });
    expect(scenariosOf(sql!).map((s) => s.id)).toEqual(['list-tasks', 'create-task', 'get-task']);
    expect(scenariosOf(domain!).map((s) => s.id)).toEqual([
      'health',
      'list-tasks',
      'create-task',
      'get-task',
    ]);
  });

  it('accepts the references asked for by name, and runs them once', () => {
    const plan = planTargets([starter('express')], ['sql-limit', 'node-http', 'express'], dirs);
    expect(names(plan)).toEqual(['sql-limit', 'node-http', 'express', 'hello-express']);
  });

  it('leaves out a starter that is not built, with a note', () => {
    const plan = planTargets([starter('express'), starter('nest', false)], [], dirs);
    expect(names(plan)).toEqual(['sql-limit', 'node-http', 'express', 'hello-express']);
    expect(plan.notes.join()).toMatch(/nest: .*dist\/server\.js is missing/);
  });

  it('refuses a starter asked for by name that is not built', () => {
    expect(() => planTargets([starter('nest', false)], ['nest'], dirs)).toThrow(/missing/);
  });

  it('refuses a target it does not know, naming those it does', () => {
    expect(() => planTargets([starter('express')], ['koa'], dirs)).toThrow(/Known: express/);
  });

  it('runs only the starters asked for, with the references', () => {
    const plan = planTargets([starter('express'), starter('hono')], ['hono'], dirs);
    expect(names(plan)).toEqual(['sql-limit', 'node-http', 'hono', 'hello-hono']);
  });

  it('measures Nest on Fastify only once the Nest starter can switch adapter', () => {
    const without = planTargets([starter('nest')], [], dirs);
    expect(names(without)).toEqual(['sql-limit', 'node-http', 'nest', 'hello-nest']);
    expect(without.notes.join()).toMatch(/nest-fastify: .*NEST_ADAPTER/);

    const switching = planTargets([starter('nest', true, ['nest-fastify'])], [], dirs);
    expect(names(switching)).toEqual([
      'sql-limit',
      'node-http',
      'nest',
      'hello-nest',
      'nest-fastify',
      'hello-nest-fastify',
    ]);
    expect(switching.targets.find((t) => t.name === 'nest-fastify')).toMatchObject({
      starter: 'nest',
      env: { NEST_ADAPTER: 'fastify' },
      script: '/repo/packages/nest-starter/dist/server.js',
    });
  });

  it('gives a starter of a framework it has no hello-world for only the references', () => {
    const plan = planTargets([starter('koa')], [], dirs);
    expect(names(plan)).toEqual(['sql-limit', 'node-http', 'koa']);
    expect(plan.targets[2]!.hello).toBeUndefined();
  });
});
