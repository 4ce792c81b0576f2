import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchGlob } from './glob.js';
import { codeLines } from './loc.js';

export interface Concern {
  id: string;
  title: string;
  summary: string;
}

/** A part of one file: lines `from` to `to` (1-based, inclusive) between two patterns. */
export interface ExcerptRule {
  file: string;
  from: string;
  to: string;
}

type Rule = string | ExcerptRule;

export interface ConcernsConfig {
  concerns: Concern[];
  /** Starter name -> concern id -> globs or excerpts, relative to the starter's folder. */
  starters: Record<string, Record<string, Rule[]>>;
}

/** Files no rule claims land here, so every line of a starter is counted somewhere. */
export const OTHER: Concern = {
  id: 'other',
  title: 'Other',
  summary: 'Files no concern in concerns.json claims yet.',
};

/** What the viewer shows for one concern of one starter. */
interface FileView {
  /** Relative to the starter's folder. */
  path: string;
  /** Present for an excerpt: the lines shown, 1-based, inclusive. */
  lines?: [number, number];
  /** Lines of this file counted under other concerns (excerpts), shown but not counted here. */
  elsewhere?: { lines: [number, number]; concern: string }[];
  loc: number;
}

export interface StarterConcerns {
  starter: string;
  byConcern: Record<string, FileView[]>;
  loc: Record<string, number>;
  /** Rules that matched nothing: a file was renamed, and concerns.json should follow. */
  warnings: string[];
}

/**
 * Assigns a starter's files to concerns and counts their lines. A file goes to the first concern (in
 * the config's order) with a glob that matches it; an excerpt takes its lines from whichever concern
 * owns the file, so no line is counted twice.
 */
export function resolveConcerns(
  config: ConcernsConfig,
  starter: string,
  files: readonly string[],
  read: (path: string) => string,
): StarterConcerns {
  const rules = config.starters[starter] ?? {};
  const warnings: string[] = [];
  if (!config.starters[starter]) {
    warnings.push(`${starter}: concerns.json has no entry; every file is counted as "other".`);
  }
  const sources = new Map<string, boolean[]>();
  const linesOf = (path: string) => {
    let lines = sources.get(path);
    if (!lines) sources.set(path, (lines = codeLines(read(path))));
    return lines;
  };
  const count = (
    path: string,
    from = 1,
    to = Number.POSITIVE_INFINITY,
    skip: [number, number][] = [],
  ) =>
    linesOf(path).filter(
      (isCode, index) =>
        isCode &&
        index + 1 >= from &&
        index + 1 <= to &&
        !skip.some(([a, b]) => index + 1 >= a && index + 1 <= b),
    ).length;

  // Excerpts first: they decide which lines whole-file owners do not count.
  const excerpts: { concern: string; path: string; lines: [number, number] }[] = [];
  for (const concern of config.concerns) {
    for (const rule of rules[concern.id] ?? []) {
      if (typeof rule === 'string') continue;
      if (!files.includes(rule.file)) {
        warnings.push(`${starter}: ${concern.id}: ${rule.file} does not exist.`);
        continue;
      }
      const lines = findExcerpt(read(rule.file), rule);
      if (!lines) {
        warnings.push(
          `${starter}: ${concern.id}: no lines of ${rule.file} match ${rule.from} … ${rule.to}.`,
        );
        continue;
      }
      excerpts.push({ concern: concern.id, path: rule.file, lines });
    }
  }

  const owner = new Map<string, string>();
  // Files are listed in the order of the rules that claim them, so a concern reads as configured
  // (server.ts before app.ts), then by path.
  const rank = new Map<string, number>();
  for (const concern of config.concerns) {
    (rules[concern.id] ?? []).forEach((rule, index) => {
      if (typeof rule !== 'string') {
        rank.set(`${concern.id}:${rule.file}`, index);
        return;
      }
      const matched = files.filter((f) => matchGlob(rule, f));
      if (matched.length === 0)
        warnings.push(`${starter}: ${concern.id}: ${rule} matches no file.`);
      for (const file of matched) {
        if (owner.has(file)) continue;
        owner.set(file, concern.id);
        rank.set(`${concern.id}:${file}`, index);
      }
    });
  }

  const byConcern: Record<string, FileView[]> = {};
  for (const file of files) {
    const concern = owner.get(file) ?? OTHER.id;
    const claimed = excerpts.filter((e) => e.path === file && e.concern !== concern);
    const view: FileView = {
      path: file,
      loc: count(
        file,
        1,
        Number.POSITIVE_INFINITY,
        claimed.map((e) => e.lines),
      ),
    };
    if (claimed.length > 0) {
      view.elsewhere = claimed.map((e) => ({ lines: e.lines, concern: e.concern }));
    }
    (byConcern[concern] ??= []).push(view);
  }
  for (const excerpt of excerpts) {
    if (owner.get(excerpt.path) === excerpt.concern) continue; // Already counted whole.
    (byConcern[excerpt.concern] ??= []).push({
      path: excerpt.path,
      lines: excerpt.lines,
      loc: count(excerpt.path, ...excerpt.lines),
    });
  }

  for (const [concern, views] of Object.entries(byConcern)) {
    const order = (v: FileView) => rank.get(`${concern}:${v.path}`) ?? Number.MAX_SAFE_INTEGER;
    views.sort((a, b) => order(a) - order(b) || a.path.localeCompare(b.path));
  }

  const loc = Object.fromEntries(
    Object.entries(byConcern).map(([id, views]) => [id, views.reduce((sum, v) => sum + v.loc, 0)]),
  );
  return { starter, byConcern, loc, warnings };
}

/** The first line matching `from`, through the first line at or after it matching `to`. */
export function findExcerpt(source: string, rule: ExcerptRule): [number, number] | undefined {
  const lines = source.split('\n');
  const from = new RegExp(rule.from);
  const to = new RegExp(rule.to);
  const start = lines.findIndex((line) => from.test(line));
  if (start === -1) return undefined;
  const end = lines.findIndex((line, i) => i >= start && to.test(line));
  if (end === -1) return undefined;
  return [start + 1, end + 1];
}

/** The TypeScript and JavaScript files under a starter's `src/` and `test/`, `/`-separated, sorted. */
export function starterFiles(dir: string): string[] {
  return ['src', 'test']
    .flatMap((top) => {
      try {
        return readdirSync(join(dir, top), { recursive: true, encoding: 'utf8' }).map(
          (file) => `${top}/${file.split('\\').join('/')}`,
        );
      } catch {
        return [];
      }
    })
    .filter((file) => /\.(?:ts|js|mjs|cjs)$/.test(file) && !file.endsWith('.d.ts'))
    .sort();
}

export function readConcernsConfig(file: string): ConcernsConfig {
  return JSON.parse(readFileSync(file, 'utf8')) as ConcernsConfig;
}
