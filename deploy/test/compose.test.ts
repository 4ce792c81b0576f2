import { describe, expect, it } from 'vitest';
import { composeSchemaErrors } from './support/compose-schema.js';
import {
  buildProblems,
  environmentProblems,
  healthProblems,
  proxyProblems,
  replicaProblems,
  shutdownProblems,
  startProblems,
  type Compose,
  type Facts,
} from './support/compose-rules.js';
import { buildArgs, imageEnvironment } from './support/dockerfile.js';
import { interpolateAll, variablesIn } from './support/interpolate.js';
import { readText, readYaml } from './support/yaml.js';

const compose = readYaml('deploy/compose.yaml') as Compose;
const dockerfile = readText('Dockerfile');
const facts: Facts = {
  buildArgs: buildArgs(dockerfile),
  imageEnv: imageEnvironment(dockerfile),
  haproxyCfg: readText('deploy/haproxy/haproxy.cfg'),
  starters: Object.keys(
    (JSON.parse(readText('packages/conformance-tests/targets.json')) as { starters: object })
      .starters,
  ),
};
const secrets = { POSTGRES_PASSWORD: 'a'.repeat(32), JWT_SECRET: 'b'.repeat(64) };

/** compose.yaml with one change, to show that a rule catches it. */
function changed(change: (copy: Compose) => void): Compose {
  const copy = structuredClone(compose);
  change(copy);
  return copy;
}

describe('deploy/compose.yaml against the Compose specification', () => {
  it('is valid', () => {
    expect(composeSchemaErrors(compose)).toEqual([]);
  });

  it('would be refused with a misspelt key or a malformed duration', () => {
    const misspelt = changed((c) => Object.assign(c.services.app1!, { healthchek: {} }));
    expect(composeSchemaErrors(misspelt)).toContain(
      '/services/app1 must NOT have additional properties',
    );
    const duration = changed((c) => (c.services.app1!.stop_grace_period = '15 seconds'));
    expect(composeSchemaErrors(duration)).toContain(
      '/services/app1/stop_grace_period must match format "duration"',
    );
  });
});

describe('the replicas app1 and app2', () => {
  it('are one definition that publishes no port', () => {
    expect(replicaProblems(compose)).toEqual([]);
  });

  it('are caught differing, or publishing a port past HAProxy', () => {
    const ports = changed((c) => {
      c.services.app1 = { ...c.services.app1, ports: ['3000:3000'] };
    });
    expect(replicaProblems(ports)).toEqual(['app1 and app2 differ', 'app1 publishes ports']);
  });

  it('build from the root Dockerfile, with a STARTER it can build', () => {
    expect(buildProblems(compose, facts)).toEqual([]);
    const other = changed((c) => {
      c.services.app1!.build = { context: '.', args: { STARTER: '${STARTER:-koa}', NODE: '24' } };
    });
    expect(buildProblems(other, facts)).toEqual([
      'app1 builds from ., not the repository root (..)',
      'build arg NODE is not an ARG of the Dockerfile',
      'STARTER defaults to "koa"',
    ]);
  });

  it("set only variables of the starters' start contract, the stack's among them", () => {
    expect(environmentProblems(compose)).toEqual([]);
    const env = changed((c) => {
      const { REDIS_URL: _redis, ...rest } = c.services.app1!.environment as Record<string, string>;
      c.services.app1!.environment = { ...rest, DATABASE_PASSWORD: 'x' };
    });
    expect(environmentProblems(env)).toEqual([
      'app1 sets DATABASE_PASSWORD, which no starter reads',
      'app1 does not set REDIS_URL',
    ]);
  });

  it("start with the image's environment and the required secrets, with or without an admin", () => {
    expect(startProblems(compose, facts, secrets)).toEqual([]);
    const admin = { ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'c'.repeat(16) };
    expect(startProblems(compose, facts, { ...secrets, ...admin })).toEqual([]);
  });

  it('are caught with a bad value, no trusted proxy, or the wrong database or Redis', () => {
    expect(startProblems(compose, facts, { ...secrets, JWT_SECRET: 'short' })).toEqual([
      'app1 would not start: JWT_SECRET must be at least 32 bytes (e.g. openssl rand -hex 32)',
    ]);
    expect(startProblems(compose, facts, { ...secrets, ADMIN_EMAIL: 'admin@example.com' })).toEqual(
      [
        'app1 would not start: ADMIN_PASSWORD must have property ADMIN_PASSWORD when property ADMIN_EMAIL is present',
      ],
    );
    expect(startProblems(compose, facts, { ...secrets, TRUST_PROXY: 'false' })).toEqual([
      'app1 trusts no proxy, so every client is HAProxy',
    ]);
    const elsewhere = changed((c) => {
      const env = c.services.app1!.environment as Record<string, string>;
      env.DATABASE_URL = env.DATABASE_URL!.replace('@postgres:', '@db:');
      env.REDIS_URL = 'redis://cache:6379';
    });
    expect(startProblems(elsewhere, facts, secrets)).toEqual([
      'DATABASE_URL names db, not the PostgreSQL service',
      'REDIS_URL names cache, not the Redis service',
    ]);
  });

  it('have Docker wait out their drain before SIGKILL', () => {
    expect(shutdownProblems(compose)).toEqual([]);
    const short = changed((c) => (c.services.app1!.stop_grace_period = '10s'));
    expect(shutdownProblems(short)).toEqual([
      'stop_grace_period (10000 ms) must exceed SHUTDOWN_TIMEOUT_MS (10000 ms)',
    ]);
  });
});

describe('secrets', () => {
  it('are required from the environment: Compose refuses to start without them', () => {
    for (const name of ['JWT_SECRET', 'POSTGRES_PASSWORD']) {
      const without = { ...secrets, [name]: '' };
      expect(() => interpolateAll(compose, without), name).toThrow(`required variable ${name}`);
    }
    expect(() => interpolateAll(compose, secrets)).not.toThrow();
  });

  it('have no value in the file: every variable is listed, empty, in .env.example', () => {
    const example = readText('deploy/.env.example');
    const listed = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)];
    expect(listed.map((m) => m[1]).sort()).toEqual(variablesIn(compose).sort());
    for (const [, name, value] of listed) {
      if (name !== 'STARTER') expect(value, name).toBe('');
    }
  });
});

describe('health', () => {
  it('is checked in every service but the proxy, with what each image has', () => {
    expect(healthProblems(compose)).toEqual([]);
  });

  it('is caught missing, checked with curl, or waited for where it is never reported', () => {
    const broken = changed((c) => {
      c.services.app1!.healthcheck = {
        test: ['CMD', 'curl', '-f', 'http://127.0.0.1:3000/health'],
      };
      delete c.services.redis!.healthcheck;
    });
    expect(healthProblems(broken)).toEqual([
      'redis has no healthcheck',
      "app1's healthcheck must fetch /health with node",
      "app1's image has no curl or wget",
      'redis must check redis-cli ping',
      'app1 waits for redis to be healthy, which it never is',
      'app2 waits for redis to be healthy, which it never is',
    ]);
  });
});

describe('the haproxy service', () => {
  it('runs deploy/haproxy/haproxy.cfg as its defaults expect: port 8080, app1:3000 and app2:3000', () => {
    expect(proxyProblems(compose, facts)).toEqual([]);
  });

  it('is caught with another mount, port or dependency, or servers that are not the replicas', () => {
    const broken = changed((c) => {
      c.services.haproxy = {
        ...c.services.haproxy,
        image: 'nginx:1',
        volumes: ['./haproxy:/usr/local/etc/haproxy'],
        ports: ['80:8080'],
        depends_on: ['app1'],
      };
    });
    expect(proxyProblems(broken, facts)).toEqual([
      'haproxy runs nginx:1, not a 2.x or 3.x release of HAProxy',
      'haproxy must mount ./haproxy read-only at /usr/local/etc/haproxy',
      'haproxy must publish 8080, the port its config binds',
      'haproxy must wait for app1 to be healthy',
      'haproxy must wait for app2 to be healthy',
    ]);
    const renamed = changed((c) => {
      c.services.web1 = c.services.app1!;
      delete c.services.app1;
      (c.services.app2!.environment as Record<string, string>).PORT = '8000';
    });
    expect(proxyProblems(renamed, facts)).toEqual([
      'haproxy.cfg balances app1, which is no service',
      'haproxy.cfg sends to app2:3000, but app2 listens on 8000',
    ]);
  });
});
