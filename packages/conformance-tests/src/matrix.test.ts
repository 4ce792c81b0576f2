import { describe, expect, it } from 'vitest';
import { renderMatrix } from './matrix.js';
import { summarize, targetPassed, testId, type TargetReport, type TestRecord } from './results.js';

function test(
  file: string,
  suites: string[],
  name: string,
  status: TestRecord['status'],
): TestRecord {
  return { id: testId(file, suites, name), file, suites, name, status, durationMs: 1 };
}

function report(target: string, tests: TestRecord[], missing: string[] = []): TargetReport {
  return {
    target,
    kind: 'starter',
    baseUrl: 'http://127.0.0.1:1',
    database: { kind: 'pglite' },
    startedAt: new Date(0).toISOString(),
    timings: {},
    summary: summarize(tests),
    tests,
    coverage: { total: 3, covered: 3 - missing.length, missing, excluded: [], counts: {} },
    partial: false,
    reliability: { profile: 'quick', seed: 1 },
    figures: {},
    errors: [],
    logFile: undefined,
  };
}

const express = report('express', [
  test('test/a.test.ts', ['GET /a'], 'returns 200', 'passed'),
  test('test/a.test.ts', ['GET /a'], 'returns 404', 'failed'),
  test('test/b.test.ts', ['ops'], 'cuts the database', 'n/a'),
]);
const fastify = report(
  'fastify',
  [test('test/a.test.ts', ['GET /a'], 'returns 200', 'passed')],
  ['a 404'],
);

describe('renderMatrix', () => {
  const text = renderMatrix([express, fastify]);
  const lines = text.split('\n');

  it('heads one column per target', () => {
    expect(lines[0]).toMatch(/express\s+fastify\s*$/);
  });

  it('groups rows under their file and describe blocks, each heading once', () => {
    expect(lines.filter((l) => l.trim() === 'test/a.test.ts')).toHaveLength(1);
    expect(lines.filter((l) => l.trim() === 'GET /a')).toHaveLength(1);
    expect(lines.findIndex((l) => l.includes('GET /a'))).toBeLessThan(
      lines.findIndex((l) => l.includes('returns 200')),
    );
  });

  it('marks each cell passed, failed, n/a, or absent', () => {
    expect(lines.find((l) => l.includes('returns 200'))).toMatch(/✓\s+✓/);
    expect(lines.find((l) => l.includes('returns 404'))).toMatch(/✗\s+-/);
    expect(lines.find((l) => l.includes('cuts the database'))).toMatch(/n\/a\s+-/);
  });

  it("states each target's coverage and what it misses", () => {
    expect(text).toContain('express: 3/3 (operation,status) pairs');
    expect(text).toContain('fastify: 2/3 (operation,status) pairs');
    expect(text).toContain('missing: a 404');
  });
});

describe('targetPassed', () => {
  it('fails on a failed test, a harness error, or a coverage gap', () => {
    expect(
      targetPassed(report('ok', [test('f', [], 't', 'passed'), test('f', [], 'u', 'n/a')])),
    ).toBe(true);
    expect(targetPassed(report('x', [test('f', [], 't', 'failed')]))).toBe(false);
    expect(targetPassed({ ...report('x', []), errors: ['boom'] })).toBe(false);
    expect(targetPassed(report('x', [], ['a 404']))).toBe(false);
  });

  it('reports but forgives coverage gaps of a partial run', () => {
    expect(targetPassed({ ...report('x', [], ['a 404']), partial: true })).toBe(true);
  });
});
