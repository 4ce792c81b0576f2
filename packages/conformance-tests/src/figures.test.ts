import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readFigures, recordFigures } from './figures.js';

describe('figures', () => {
  const dirs: string[] = [];
  const runDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'figures-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is empty for a run that recorded none', () => {
    expect(readFigures(runDir())).toEqual({});
  });

  it('merges the records of one group and keeps groups apart', () => {
    const dir = runDir();
    recordFigures(dir, 'soak', { requests: 10, statuses: { '200': 9, '201': 1 } });
    recordFigures(dir, 'soak', { rssStartMb: 80 });
    recordFigures(dir, 'database-outage', { acknowledgedWrites: 12 });
    expect(readFigures(dir)).toEqual({
      'database-outage': { acknowledgedWrites: 12 },
      soak: { requests: 10, statuses: { '200': 9, '201': 1 }, rssStartMb: 80 },
    });
  });

  it('keeps a group name that itself contains a double dash', () => {
    const dir = runDir();
    recordFigures(dir, 'a--b', { n: 1 });
    expect(readFigures(dir)).toEqual({ 'a--b': { n: 1 } });
  });
});
