import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import hljs from 'highlight.js';

/**
 * Syntax highlighting at generation time, so the page needs no script or network for it: each source
 * line becomes a self-contained HTML fragment (spans that cross a line break are closed and reopened),
 * which lets the viewer number lines and show excerpts.
 */
export function highlightLines(source: string, language = 'typescript'): string[] {
  const html = hljs.highlight(source.replace(/\n$/, ''), { language, ignoreIllegals: true }).value;
  return splitLines(html);
}

/** Splits highlighted HTML at newlines, balancing the `<span>`s on each line. */
export function splitLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let current = '';
  for (const token of html.match(/<span[^>]*>|<\/span>|[^<]+/g) ?? []) {
    if (token.startsWith('<span')) {
      open.push(token);
      current += token;
    } else if (token === '</span>') {
      open.pop();
      current += token;
    } else {
      const parts = token.split('\n');
      parts.forEach((part, index) => {
        if (index > 0) {
          lines.push(current + '</span>'.repeat(open.length));
          current = open.join('');
        }
        current += part;
      });
    }
  }
  lines.push(current);
  return lines;
}

const require = createRequire(import.meta.url);

/** highlight.js's GitHub themes, light and dark, for inlining. */
export function highlightThemes(): { light: string; dark: string } {
  const read = (name: string) =>
    readFileSync(require.resolve(`highlight.js/styles/${name}.css`), 'utf8');
  return { light: read('github.min'), dark: read('github-dark.min') };
}
