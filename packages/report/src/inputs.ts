import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { BENCH_SCHEMA, type BenchReport } from '@rosetta/bench';
import type { TargetReport } from '@rosetta/conformance-tests/results';
import {
  packageDir as suiteDir,
  reportsDir as conformanceDir,
  starters,
} from '@rosetta/conformance-tests/targets';
import { readConcernsConfig, resolveConcerns, starterFiles } from './concerns.js';
import { highlightLines } from './highlight.js';
import type { ReportInputs } from './model.js';

/** `reports/` at the repository root, where the conformance suite and the bench write. */
export const reportsRoot = resolve(conformanceDir, '..');
export const repoRoot = resolve(reportsRoot, '..');

/**
 * Reads whatever results exist. Nothing here is required: a missing file becomes a "not run yet" state
 * on the page, and an unreadable one a note, never a failure to write the page.
 */
export function readInputs(options: { concernsFile: string; reportsRoot?: string }): ReportInputs {
  const root = options.reportsRoot ?? reportsRoot;
  const inputProblems: string[] = [];
  const starterList = Object.entries(starters)
    .map(([name, folder]) => ({ name, dir: resolve(suiteDir, folder) }))
    .filter((s) => existsSync(join(s.dir, 'src')));

  const conformance = readConformance(join(root, 'conformance'), inputProblems);
  // Registry order first, then anything else that was run (a --url target).
  const order = (name: string) => {
    const i = starterList.findIndex((s) => s.name === name);
    return i === -1 ? starterList.length : i;
  };
  conformance.sort((a, b) => order(a.target) - order(b.target) || a.target.localeCompare(b.target));

  const bench = readBench(join(root, 'bench.json'), inputProblems);
  const config = readConcernsConfig(options.concernsFile);
  const loc = [];
  const code: ReportInputs['code'] = {};
  const starterPaths: ReportInputs['starterPaths'] = {};
  for (const starter of starterList) {
    const files = starterFiles(starter.dir);
    const read = (path: string) => readFileSync(join(starter.dir, path), 'utf8');
    loc.push(resolveConcerns(config, starter.name, files, read));
    code[starter.name] = Object.fromEntries(
      files.map((file) => [
        file,
        highlightLines(read(file), /\.ts$/.test(file) ? 'typescript' : 'javascript'),
      ]),
    );
    starterPaths[starter.name] = relative(repoRoot, starter.dir).split('\\').join('/');
  }

  return {
    generatedAt: new Date().toISOString(),
    starters: starterList,
    conformance,
    bench,
    inputProblems,
    concerns: config.concerns,
    loc,
    code,
    starterPaths,
  };
}

function readConformance(dir: string, problems: string[]): TargetReport[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) => {
      try {
        const report = JSON.parse(readFileSync(join(dir, file), 'utf8')) as TargetReport;
        if (typeof report.target !== 'string' || !Array.isArray(report.tests)) {
          throw new Error('not a conformance report');
        }
        return [report];
      } catch (error) {
        problems.push(`reports/conformance/${file}: ${(error as Error).message}; left out.`);
        return [];
      }
    });
}

function readBench(file: string, problems: string[]): BenchReport | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as BenchReport;
    if (report.schema !== BENCH_SCHEMA) {
      throw new Error(
        `schema ${String(report.schema)}, expected ${BENCH_SCHEMA}; run npm run bench again`,
      );
    }
    return report;
  } catch (error) {
    problems.push(`reports/bench.json: ${(error as Error).message}; left out.`);
    return undefined;
  }
}
