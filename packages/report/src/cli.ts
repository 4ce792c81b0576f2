#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { highlightThemes } from './highlight.js';
import { renderPage } from './page.js';
import { readInputs, reportsRoot } from './inputs.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const usage = `Usage: npm run report [-- --out <file>]

Writes one self-contained HTML page (no server, no network) from reports/conformance/*.json,
reports/bench.json and the starters' sources, and prints its path. Missing results show as "not run yet".
  --out <file>   where to write (default reports/index.html)`;

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const out = resolve(values.out ?? join(reportsRoot, 'index.html'));
  const inputs = readInputs({ concernsFile: join(packageDir, 'concerns.json') });
  for (const problem of inputs.inputProblems) console.warn(`warning: ${problem}`);
  for (const warning of inputs.loc.flatMap((l) => l.warnings)) console.warn(`warning: ${warning}`);

  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, renderPage(inputs, highlightThemes()));
  const bench = inputs.bench
    ? `benchmark of ${inputs.bench.startedAt.slice(0, 16).replace('T', ' ')}${inputs.bench.kind === 'smoke' ? ' (smoke run)' : ''}`
    : 'no benchmark yet (npm run bench)';
  console.log(
    `\nReport: ${out}\n  conformance: ${inputs.conformance.map((r) => r.target).join(', ') || 'none yet (npm start)'}; ${bench}`,
  );
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
