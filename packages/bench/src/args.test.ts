import { describe, expect, it } from 'vitest';
import { fullProfile, parseBenchArgs, quickProfile, smokeReasons } from './args.js';

describe('parseBenchArgs', () => {
  it('defaults to the full profile, every built starter and auto database', () => {
    expect(parseBenchArgs([])).toMatchObject({
      ...fullProfile,
      targets: [],
      quick: false,
      db: 'auto',
    });
  });

  it('--quick switches to the smoke profile', () => {
    expect(parseBenchArgs(['--quick'])).toMatchObject({ ...quickProfile, quick: true });
  });

  it('explicit flags win over the profile', () => {
    expect(parseBenchArgs(['--quick', '--rounds', '3', '--duration', '2.5'])).toMatchObject({
      rounds: 3,
      durationSeconds: 2.5,
      quick: true,
    });
  });

  it('takes targets comma-separated, repeated, or both, once each', () => {
    expect(
      parseBenchArgs(['--targets', 'express, hono', '--targets', 'hono,nest-fastify']).targets,
    ).toEqual(['express', 'hono', 'nest-fastify']);
  });

  it('leaves LOG_LEVEL to the starters unless told', () => {
    expect(parseBenchArgs([]).logLevel).toBeUndefined();
    expect(parseBenchArgs(['--log-level', 'warn']).logLevel).toBe('warn');
  });

  it('reads the database choice from BENCH_DB when no flag says', () => {
    expect(parseBenchArgs([], { BENCH_DB: 'pglite' }).db).toBe('pglite');
    expect(parseBenchArgs(['--db', 'postgres'], { BENCH_DB: 'pglite' }).db).toBe('postgres');
  });

  it.each([
    [['--rounds', '0']],
    [['--rounds', '1.5']],
    [['--duration', 'ten']],
    [['--connections', '-1']],
    [['--db', 'mysql']],
    [['--log-level', 'loud']],
    [['--unknown']],
    [['positional']],
  ])('rejects %j', (argv) => {
    expect(() => parseBenchArgs(argv)).toThrow();
  });
});

describe('smokeReasons', () => {
  it('calls a --quick run a smoke run', () => {
    expect(smokeReasons({ quick: true, durationSeconds: 10, rounds: 5 })).toHaveLength(1);
  });

  it('calls short or single-round runs smoke runs too', () => {
    expect(smokeReasons({ quick: false, durationSeconds: 1, rounds: 1 })).toHaveLength(2);
  });

  it('calls the default profile a measurement', () => {
    expect(smokeReasons({ quick: false, ...fullProfile })).toEqual([]);
  });
});
