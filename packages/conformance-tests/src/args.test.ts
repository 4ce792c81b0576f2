import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './args.js';
import { starterTarget, starters, variants } from './targets.js';

describe('parseCliArgs', () => {
  it('expands --all to every registered starter, each followed by its variants', () => {
    const all = parseCliArgs(['--all']).targets;
    expect(all.filter((name) => Object.hasOwn(starters, name))).toEqual(Object.keys(starters));
    for (const [name, variant] of Object.entries(variants)) {
      expect(all.indexOf(name)).toBeGreaterThan(all.indexOf(variant.starter));
    }
    expect(all).toHaveLength(Object.keys(starters).length + Object.keys(variants).length);
  });

  it("resolves a variant to its starter's folder, with its settings", () => {
    expect(starterTarget('nest-fastify')).toMatchObject({
      kind: 'starter',
      name: 'nest-fastify',
      packageDir: starterTarget('nest').packageDir,
      env: { NEST_ADAPTER: 'fastify' },
    });
    expect(starterTarget('nest').env).toEqual({});
  });

  it('takes repeated --target once each, and file filters as positionals', () => {
    const args = parseCliArgs(['--target', 'express', '--target', 'express', 'tasks/']);
    expect(args).toMatchObject({ targets: ['express'], files: ['tasks/'], db: 'auto' });
  });

  it('reads the database from --db, else CONFORMANCE_DB', () => {
    expect(parseCliArgs(['--all', '--db', 'pglite']).db).toBe('pglite');
    expect(parseCliArgs(['--all'], { CONFORMANCE_DB: 'postgres' }).db).toBe('postgres');
    expect(() => parseCliArgs(['--all', '--db', 'mysql'])).toThrow(/--db/);
  });

  it('collects what a URL target needs', () => {
    const args = parseCliArgs([
      '--url',
      'http://localhost:3000/',
      '--jwt-secret',
      's'.repeat(32),
      '--admin-email',
      'a@b.test',
      '--admin-password',
      'password1',
      '--auth-rate-limit-max',
      '5',
    ]);
    expect(args.url).toEqual({
      baseUrl: 'http://localhost:3000',
      jwtSecret: 's'.repeat(32),
      admin: { email: 'a@b.test', password: 'password1' },
      authRateLimitMax: 5,
    });
  });

  it('refuses half an admin, URL options without --url, and no target at all', () => {
    expect(() => parseCliArgs(['--url', 'http://x', '--admin-email', 'a@b.test'])).toThrow(
      /together/,
    );
    expect(() => parseCliArgs(['--all', '--jwt-secret', 'x'])).toThrow(/--url/);
    expect(() => parseCliArgs([])).toThrow(/--all/);
  });

  it('runs the reliability groups quick unless told full, and takes an integer seed', () => {
    expect(parseCliArgs(['--all'])).toMatchObject({ reliability: 'quick' });
    expect(parseCliArgs(['--all']).seed).toBeUndefined();
    expect(parseCliArgs(['--all', '--reliability', 'full', '--seed=-42'])).toMatchObject({
      reliability: 'full',
      seed: -42,
    });
    expect(() => parseCliArgs(['--all', '--reliability', 'long'])).toThrow(/--reliability/);
    expect(() => parseCliArgs(['--all', '--seed', '1.5'])).toThrow(/--seed/);
  });

  it('boots one instance of each starter unless told more', () => {
    expect(parseCliArgs(['--all']).instances).toBe(1);
    expect(parseCliArgs(['--all', '--instances', '2']).instances).toBe(2);
    expect(() => parseCliArgs(['--all', '--instances', '0'])).toThrow(/--instances/);
    expect(() => parseCliArgs(['--all', '--instances', 'two'])).toThrow(/--instances/);
    expect(() => parseCliArgs(['--url', 'http://localhost:3000', '--instances', '2'])).toThrow(
      /--url/,
    );
  });
});
