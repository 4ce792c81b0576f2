import { describe, expect, it } from 'vitest';
import { trimmed } from './logs.js';

describe('trimmed', () => {
  it('keeps a short log whole', () => {
    expect(trimmed('a\nb\nc', 2)).toBe('a\nb\nc');
  });

  it('keeps the start and the end of a long log, and says what it left out', () => {
    const log = Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\n');
    expect(trimmed(log, 2).split('\n')).toEqual([
      'line 0',
      'line 1',
      '… 6 lines of request logs left out by the bench …',
      'line 8',
      'line 9',
    ]);
  });
});
