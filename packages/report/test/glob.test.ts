import { describe, expect, it } from 'vitest';
import { matchGlob } from '../src/glob.js';

describe('matchGlob', () => {
  it('matches * within one path segment only', () => {
    expect(matchGlob('src/http/*.routes.ts', 'src/http/tasks.routes.ts')).toBe(true);
    expect(matchGlob('src/*.ts', 'src/http/validate.ts')).toBe(false);
  });

  it('matches ** across any number of segments, none included', () => {
    expect(matchGlob('test/**/*.ts', 'test/app.test.ts')).toBe(true);
    expect(matchGlob('test/**/*.ts', 'test/http/support/x.ts')).toBe(true);
    expect(matchGlob('test/**/*.ts', 'src/app.ts')).toBe(false);
  });

  it('matches {a,b} alternatives', () => {
    expect(matchGlob('src/**/{health,tasks}.module.ts', 'src/tasks/tasks.module.ts')).toBe(true);
    expect(matchGlob('src/**/{health,tasks}.module.ts', 'src/auth/auth.module.ts')).toBe(false);
  });

  it('takes dots literally', () => {
    expect(matchGlob('src/app.ts', 'src/appxts')).toBe(false);
  });
});
