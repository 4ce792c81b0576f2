import { describe, expect, it } from 'vitest';
import { codeLines, countLoc } from '../src/loc.js';

describe('countLoc', () => {
  it('counts lines with code, not blank lines or comments', () => {
    const source = [
      '// a comment',
      '',
      '/**',
      ' * JSDoc',
      ' */',
      'const a = 1; // trailing comment still counts',
      '   ',
      '/* inline */ const b = 2;',
      'const c = 3; /* starts',
      '   and ends */',
    ].join('\n');
    expect(countLoc(source)).toBe(3);
  });

  it('is not fooled by comment markers inside strings', () => {
    expect(countLoc(`const url = 'http://example.com';\nconst glob = "src/*.ts";\n`)).toBe(2);
  });

  it('counts every line of a multi-line template literal', () => {
    expect(codeLines('const t = `one\n\n// not a comment\n`;\n')).toEqual([true, true, true, true]);
  });

  it('tells a regular expression from a division', () => {
    expect(countLoc('const r = /\\/\\*$/;\nconst d = a / b; // half\n')).toBe(2);
    expect(codeLines('const r = /^\\s*Bearer +(\\S+)\\s*$/i;\n/* after */\n')).toEqual([
      true,
      false,
    ]);
  });

  it('counts the last line without a final newline, and nothing after a final newline', () => {
    expect(codeLines('a();\nb();')).toEqual([true, true]);
    expect(codeLines('a();\n')).toEqual([true]);
    expect(codeLines('')).toEqual([]);
  });
});
