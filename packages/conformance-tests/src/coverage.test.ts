import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { operations } from '@rosetta/shared-contract';
import { computeCoverage, readPairs, recordPair, unreachablePairs } from './coverage.js';

describe('computeCoverage', () => {
  const documented = ['a 200', 'a 404', 'b 204'];

  it('lists documented pairs nobody exercised', () => {
    const coverage = computeCoverage(new Map([['a 200', 3]]), [], documented);
    expect(coverage).toMatchObject({ total: 3, covered: 1, missing: ['a 404', 'b 204'] });
    expect(coverage.counts).toEqual({ 'a 200': 3, 'a 404': 0, 'b 204': 0 });
  });

  it('ignores pairs the contract does not document', () => {
    expect(computeCoverage(new Map([['c 500', 1]]), [], documented).covered).toBe(0);
  });

  it('leaves excluded pairs out of the total instead of counting them as covered', () => {
    const coverage = computeCoverage(new Map(), [{ pair: 'b 204', reason: 'n/a' }], documented);
    expect(coverage).toMatchObject({ total: 2, covered: 0, missing: ['a 200', 'a 404'] });
    expect(coverage.excluded).toEqual([{ pair: 'b 204', reason: 'n/a' }]);
  });
});

describe('unreachablePairs', () => {
  it('excludes only the 500s, one per operation, for a booted starter with admin credentials', () => {
    const pairs = unreachablePairs({ bootable: true, admin: true }).map((e) => e.pair);
    expect(pairs).toContain('createTask 500');
    expect(pairs.every((pair) => pair.endsWith(' 500'))).toBe(true);
    expect(pairs).toHaveLength(Object.keys(operations).length);
  });

  it('excludes every 503 as well when the target cannot be booted behind a proxy', () => {
    const pairs = unreachablePairs({ bootable: false, admin: true })
      .map((e) => e.pair)
      .filter(
        (pair) =>
          !pair.endsWith(' 500') &&
          !pair.startsWith('getMetrics ') &&
          !['updateMe 429', 'deleteMe 409'].includes(pair),
      );
    expect(pairs).toContain('getReadiness 503');
    expect(pairs).toContain('createTask 503');
    expect(pairs).toContain('login 503');
    expect(pairs.every((pair) => pair.endsWith(' 503'))).toBe(true);
    // Liveness never depends on the database, so it documents no 503 to exclude.
    expect(pairs).not.toContain('getHealth 503');
  });

  it('excludes what only a setting turns on when the target cannot be booted with it, but its 404', () => {
    const booted = unreachablePairs({ bootable: true, admin: true }).map((e) => e.pair);
    const url = unreachablePairs({ bootable: false, admin: true }).map((e) => e.pair);
    expect(booted).not.toContain('getMetrics 200');
    expect(url).toContain('getMetrics 200');
    expect(url).toContain('getMetrics 401');
    expect(url).not.toContain('getMetrics 404');
  });

  it('excludes the per-account limit and the last admin when the suite cannot boot its own instance', () => {
    const booted = unreachablePairs({ bootable: true, admin: true }).map((e) => e.pair);
    const url = unreachablePairs({ bootable: false, admin: true }).map((e) => e.pair);
    for (const pair of ['updateMe 429', 'deleteMe 409']) {
      expect(booted).not.toContain(pair);
      expect(url).toContain(pair);
    }
  });

  it('excludes admin-only pairs, but not 401 and 403, without admin credentials', () => {
    const pairs = unreachablePairs({ bootable: true, admin: false }).map((e) => e.pair);
    expect(pairs).toContain('listUsers 200');
    expect(pairs).toContain('updateUser 409');
    expect(pairs).not.toContain('listUsers 403');
    expect(pairs).not.toContain('deleteUser 401');
  });
});

describe('recordPair and readPairs', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('aggregates what every worker recorded', () => {
    dir = mkdtempSync(join(tmpdir(), 'conformance-'));
    recordPair(dir, 'getTask', 200);
    recordPair(dir, 'getTask', 200);
    recordPair(dir, 'getTask', 304);
    expect(readPairs(dir)).toEqual(
      new Map([
        ['getTask 200', 2],
        ['getTask 304', 1],
      ]),
    );
  });

  it('reads an empty run as nothing seen', () => {
    expect(readPairs(join(tmpdir(), 'does-not-exist-conformance')).size).toBe(0);
  });
});
