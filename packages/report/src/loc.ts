/**
 * Lines of code as the report counts them: a line counts if anything but whitespace and comments is on
 * it. Made for TypeScript and JavaScript: strings, template literals and regular expressions are
 * skipped over, so `'http://'` or `/\/\*$/` do not start a comment.
 */
export function codeLines(source: string): boolean[] {
  const lines: boolean[] = [];
  let code = false;
  let i = 0;
  // The last significant token, to tell a regular expression's `/` from a division.
  let last = '';
  const n = source.length;
  const newline = (continuesCode: boolean) => {
    lines.push(code);
    code = continuesCode;
  };

  const skipString = () => {
    const quote = source[i];
    i++;
    let depth = 0;
    while (i < n) {
      const c = source[i];
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '\n') {
        if (quote !== '`') return; // An unterminated string ends with its line.
        newline(true); // A template literal's next line is code too.
      } else if (quote === '`' && c === '$' && source[i + 1] === '{') {
        depth++;
        i++;
      } else if (quote === '`' && c === '}' && depth > 0) {
        depth--;
      } else if (c === quote && depth === 0) {
        i++;
        return;
      }
      i++;
    }
  };

  const skipRegex = () => {
    i++;
    let inClass = false;
    while (i < n && source[i] !== '\n') {
      const c = source[i];
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) {
        i++;
        while (i < n && /[a-z]/i.test(source[i]!)) i++;
        return;
      }
      i++;
    }
  };

  while (i < n) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '\n') {
      newline(false);
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '/' && next === '/') {
      while (i < n && source[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      i += 2;
      while (i < n && !(source[i] === '*' && source[i + 1] === '/')) {
        if (source[i] === '\n') newline(false);
        i++;
      }
      i += 2;
    } else if (c === '"' || c === "'" || c === '`') {
      code = true;
      skipString();
      last = 'string';
    } else if (c === '/' && regexMayFollow(last)) {
      code = true;
      skipRegex();
      last = 'regex';
    } else if (/[\w$]/.test(c)) {
      code = true;
      const word = /^[\w$]+/.exec(source.slice(i, i + 100))![0];
      last = word;
      i += word.length;
    } else {
      code = true;
      last = c;
      i++;
    }
  }
  // The last line counts even without a final newline; a final newline starts no new line.
  if (n > 0 && !source.endsWith('\n')) lines.push(code);
  return lines;
}

export function countLoc(source: string): number {
  return codeLines(source).filter(Boolean).length;
}

const keywordsBeforeExpression = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'yield',
  'await',
]);

/** After a value (a name, a literal, `)`, `]`, `}`) a `/` divides; anywhere else it starts a regex. */
function regexMayFollow(last: string): boolean {
  if (last === '' || last === 'string' || last === 'regex') return last === '';
  if (/^[\w$]+$/.test(last)) return keywordsBeforeExpression.has(last);
  return !/[)\]}]/.test(last);
}
