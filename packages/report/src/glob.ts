/**
 * The few glob forms concerns.json uses, on `/`-separated relative paths: `*` and `?` within a path
 * segment, `**` for any number of segments, `{a,b}` for alternatives.
 */
function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      // `**/` matches zero or more whole segments; a trailing `**` matches the rest.
      if (pattern[i + 2] === '/') {
        source += '(?:[^/]+/)*';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (c === '*') {
      source += '[^/]*';
    } else if (c === '?') {
      source += '[^/]';
    } else if (c === '{') {
      const end = pattern.indexOf('}', i);
      if (end === -1) throw new Error(`Unclosed { in glob "${pattern}"`);
      const options = pattern.slice(i + 1, end).split(',');
      source += `(?:${options.map((o) => globToRegExp(o).source.slice(1, -1)).join('|')})`;
      i = end;
    } else {
      source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

export function matchGlob(pattern: string, path: string): boolean {
  return globToRegExp(pattern).test(path);
}
