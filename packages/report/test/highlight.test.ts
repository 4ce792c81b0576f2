import { describe, expect, it } from 'vitest';
import { highlightLines, splitLines } from '../src/highlight.js';

describe('highlightLines', () => {
  it('gives one fragment per source line, highlighted', () => {
    const lines = highlightLines('const a = 1;\n\nexport function f() {}\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('<span class="hljs-keyword">const</span>');
    expect(lines[1]).toBe('');
  });

  it('escapes the source', () => {
    expect(highlightLines("const s = '</script>';")[0]).toContain('&lt;/script&gt;');
  });
});

describe('splitLines', () => {
  it('closes and reopens a span that crosses a line break, so every line stands alone', () => {
    const html = 'a <span class="hljs-comment">/* one\ntwo */</span> b';
    expect(splitLines(html)).toEqual([
      'a <span class="hljs-comment">/* one</span>',
      '<span class="hljs-comment">two */</span> b',
    ]);
  });

  it('keeps nested spans balanced', () => {
    const html = '<span class="a"><span class="b">x\ny</span>z</span>';
    expect(splitLines(html)).toEqual([
      '<span class="a"><span class="b">x</span></span>',
      '<span class="a"><span class="b">y</span>z</span>',
    ]);
  });
});
