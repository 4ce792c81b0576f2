import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageDir } from './targets.js';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? testFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('the conformance suite', () => {
  const files = testFiles(join(packageDir, 'test'));

  it('has test files', () => {
    expect(files.filter((f) => f.endsWith('.test.ts')).length).toBeGreaterThan(10);
  });

  it('never skips, focuses or postpones a test: a target that cannot run one uses runIf and shows n/a', () => {
    const offenders = files.filter((file) =>
      /\b(?:it|test|describe)\.(?:skip|only|todo)\b|\bx(?:it|describe)\(/.test(
        readFileSync(file, 'utf8'),
      ),
    );
    expect(offenders.map((f) => relative(packageDir, f))).toEqual([]);
  });
});
