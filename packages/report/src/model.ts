import {
  NODE_HTTP_TARGET,
  type BenchReport,
  type Ratios,
  type ScenarioResult,
  type Spread,
  type TargetSummary,
} from '@rosetta/bench';
import type { Figure } from '@rosetta/conformance-tests/figures';
import type { TargetReport, TestStatus } from '@rosetta/conformance-tests/results';
import { OTHER, type Concern, type StarterConcerns } from './concerns.js';

/** Everything the page is made from; each input may be missing. */
export interface ReportInputs {
  generatedAt: string;
  /** The conformance registry's starters, in its order, with their source folders. */
  starters: { name: string; dir: string }[];
  conformance: TargetReport[];
  bench: BenchReport | undefined;
  /** Why an input that exists could not be used. */
  inputProblems: string[];
  concerns: Concern[];
  loc: StarterConcerns[];
  /** Starter -> relative path -> highlighted lines. */
  code: Record<string, Record<string, string[]>>;
  /** Where a starter's files are, for people: `packages/express-starter`. */
  starterPaths: Record<string, string>;
}

export interface SummaryRow {
  name: string;
  label: string;
  conformance?: { passed: number; failed: number; na: number; covered: number; total: number };
  /** GET /health against the framework's hello-world. */
  healthVsFramework?: Spread;
  /** The database scenarios against the domain on node:http: `list`, `create`, `read`. */
  databaseVsLimit: DatabaseRatio[];
  /** The database scenarios against sql-limit. */
  databaseVsSqlLimit: DatabaseRatio[];
  /** Its telemetry-on twin against it: `health` and `read`, requests per second. */
  telemetryVsOff: DatabaseRatio[];
  coldStartMs?: Spread;
  coldStartVsFramework?: Spread;
  peakRssMb?: number;
  peakRssVsFramework?: number;
  locSource?: number;
  locTests?: number;
}

/** One database scenario's ratio to a reference, named for a chip: `read 0.95×`. */
export interface DatabaseRatio {
  request: string;
  short: string;
  ratio: Spread;
}

/** A target's requests/s ratio to one reference on each database scenario it has one for. */
function databaseRatios(
  bench: BenchReport,
  target: string,
  reference: keyof Pick<Ratios, 'limit' | 'sqlLimit'>,
): DatabaseRatio[] {
  return bench.scenarios
    .filter((s) => s.database)
    .flatMap((scenario) => {
      const ratio = resultOf(bench, target, scenario.id)?.ratios[reference]?.rps;
      return ratio
        ? [{ request: scenario.request, short: shortNames[scenario.id] ?? scenario.id, ratio }]
        : [];
    });
}

/**
 * What telemetry costs a starter: its telemetry-on twin (metrics, and traces exported over OTLP)
 * against it in the same rounds, per scenario the twin was measured on.
 */
function telemetryRatios(bench: BenchReport, target: string): DatabaseRatio[] {
  const twin = bench.targets.find((t) => t.telemetryOf === target);
  if (!twin) return [];
  return bench.scenarios.flatMap((scenario) => {
    const ratio = resultOf(bench, twin.name, scenario.id)?.ratios.telemetryOff?.rps;
    return ratio
      ? [{ request: scenario.request, short: shortNames[scenario.id] ?? scenario.id, ratio }]
      : [];
  });
}

/** What the domain costs: the domain on node:http against sql-limit, per database scenario. */
export function domainVsSqlLimit(bench: BenchReport): DatabaseRatio[] {
  return databaseRatios(bench, NODE_HTTP_TARGET, 'sqlLimit');
}

/** Starters in registry order, then bench-only variants (nest-fastify) after their starter. */
export function summaryRows(inputs: ReportInputs): SummaryRow[] {
  const { bench } = inputs;
  const names: string[] = [];
  for (const { name } of inputs.starters) {
    names.push(name);
    for (const t of bench?.targets ?? []) {
      if (t.kind === 'starter' && t.starter === name && t.name !== name && !t.telemetryOf) {
        names.push(t.name);
      }
    }
  }
  return names.map((name) => {
    const benchTarget = bench?.targets.find((t) => t.name === name);
    const starter = benchTarget?.starter ?? name;
    const row: SummaryRow = {
      name,
      label: benchTarget?.label ?? starterLabel(name),
      databaseVsLimit: [],
      databaseVsSqlLimit: [],
      telemetryVsOff: [],
    };
    const report = inputs.conformance.find((r) => r.target === name);
    if (report) {
      row.conformance = {
        passed: report.summary.passed,
        failed: report.summary.failed,
        na: report.summary['n/a'],
        covered: report.coverage.covered,
        total: report.coverage.total,
      };
    }
    if (bench && benchTarget) {
      const health = resultOf(bench, name, 'health');
      if (health?.ratios.framework?.rps) row.healthVsFramework = health.ratios.framework.rps;
      row.databaseVsLimit = databaseRatios(bench, name, 'limit');
      row.databaseVsSqlLimit = databaseRatios(bench, name, 'sqlLimit');
      row.telemetryVsOff = telemetryRatios(bench, name);
      const summary = summaryOf(bench, name);
      if (summary?.coldStartMs) row.coldStartMs = summary.coldStartMs;
      if (summary?.coldStartRatios.framework) {
        row.coldStartVsFramework = summary.coldStartRatios.framework;
      }
      if (summary?.peakRssMb !== undefined) row.peakRssMb = summary.peakRssMb;
      if (summary?.peakRssRatios.framework !== undefined) {
        row.peakRssVsFramework = summary.peakRssRatios.framework;
      }
    }
    const loc = inputs.loc.find((l) => l.starter === starter);
    if (loc) {
      row.locTests = loc.loc.tests ?? 0;
      row.locSource = Object.entries(loc.loc)
        .filter(([id]) => id !== 'tests')
        .reduce((sum, [, n]) => sum + n, 0);
    }
    return row;
  });
}

function resultOf(
  bench: BenchReport,
  target: string,
  scenario: string,
): ScenarioResult | undefined {
  return bench.results.find((r) => r.target === target && r.scenario === scenario);
}

function summaryOf(bench: BenchReport, target: string): TargetSummary | undefined {
  return bench.summaries.find((s) => s.target === target);
}

const shortNames: Record<string, string> = {
  'list-tasks': 'list',
  'create-task': 'create',
  'get-task': 'read',
};

const labels: Record<string, string> = {
  express: 'Express 5',
  fastify: 'Fastify 5',
  hono: 'Hono 4',
  nest: 'NestJS 12',
};

export function starterLabel(name: string): string {
  return labels[name] ?? name;
}

interface MatrixRow {
  id: string;
  /** `describe › describe › test`. */
  title: string;
  statuses: (TestStatus | undefined)[];
}

export interface MatrixGroup {
  file: string;
  rows: MatrixRow[];
  /** Per target: how many of this file's tests failed. */
  failed: number[];
}

/**
 * The conformance matrix: one row per test (by id, across every target's report), one column per
 * target, grouped by test file in the order the reports list them.
 */
export function matrixGroups(reports: readonly TargetReport[]): MatrixGroup[] {
  const groups = new Map<string, Map<string, MatrixRow>>();
  reports.forEach((report, column) => {
    for (const test of report.tests) {
      let rows = groups.get(test.file);
      if (!rows) groups.set(test.file, (rows = new Map()));
      let row = rows.get(test.id);
      if (!row) {
        row = {
          id: test.id,
          title: [...test.suites, test.name].join(' › '),
          statuses: reports.map(() => undefined),
        };
        rows.set(test.id, row);
      }
      row.statuses[column] = test.status;
    }
  });
  return [...groups].map(([file, rows]) => {
    const list = [...rows.values()];
    return {
      file,
      rows: list,
      failed: reports.map(
        (_, column) => list.filter((r) => r.statuses[column] === 'failed').length,
      ),
    };
  });
}

export type CoverageCell =
  | { kind: 'covered'; count: number }
  | { kind: 'missing' }
  | { kind: 'excluded'; reason: string }
  | { kind: 'unknown' };

/** Every documented (operation, status) pair, and how often each target's run answered it. */
export function coverageRows(
  reports: readonly TargetReport[],
): { pair: string; cells: CoverageCell[] }[] {
  const pairs = new Set<string>();
  for (const report of reports) {
    for (const pair of Object.keys(report.coverage.counts)) pairs.add(pair);
    for (const pair of report.coverage.missing) pairs.add(pair);
    for (const { pair } of report.coverage.excluded) pairs.add(pair);
  }
  return [...pairs].map((pair) => ({
    pair,
    cells: reports.map((report): CoverageCell => {
      const excluded = report.coverage.excluded.find((e) => e.pair === pair);
      if (excluded) return { kind: 'excluded', reason: excluded.reason };
      if (report.coverage.missing.includes(pair)) return { kind: 'missing' };
      const count = report.coverage.counts[pair];
      return count ? { kind: 'covered', count } : { kind: 'unknown' };
    }),
  }));
}

export interface ReliabilityGroup {
  /** The group's name: its test file's, `test/reliability/<name>.test.ts`. */
  name: string;
  /** Per target: how its tests went. */
  tests: { passed: number; failed: number; na: number }[];
  /** One row per figure any target recorded, one cell per target (undefined: not recorded). */
  figures: { name: string; values: (Figure | undefined)[] }[];
}

const RELIABILITY_DIR = 'test/reliability/';

/**
 * The reliability groups (fuzzing, outage, shutdown, soak…) side by side: each group's test results
 * and the figures it recorded, per target. A group appears when any target ran one of its tests or
 * recorded a figure for it; figures keep the order the first target recorded them in.
 */
export function reliabilityGroups(reports: readonly TargetReport[]): ReliabilityGroup[] {
  const names = new Set<string>();
  for (const report of reports) {
    for (const test of report.tests) {
      if (test.file.startsWith(RELIABILITY_DIR)) names.add(groupOf(test.file));
    }
    for (const name of Object.keys(report.figures ?? {})) names.add(name);
  }
  return [...names].sort().map((name) => {
    const keys = new Set<string>();
    for (const report of reports)
      for (const key of Object.keys(report.figures?.[name] ?? {})) keys.add(key);
    return {
      name,
      tests: reports.map((report) => {
        const tests = report.tests.filter((t) => t.file === `${RELIABILITY_DIR}${name}.test.ts`);
        return {
          passed: tests.filter((t) => t.status === 'passed').length,
          failed: tests.filter((t) => t.status === 'failed').length,
          na: tests.filter((t) => t.status === 'n/a').length,
        };
      }),
      figures: [...keys].map((key) => ({
        name: key,
        values: reports.map((report) => report.figures?.[name]?.[key]),
      })),
    };
  });
}

function groupOf(file: string): string {
  return file.slice(RELIABILITY_DIR.length).replace(/\.test\.ts$/, '');
}

/** What the code viewer's script gets, as JSON in the page. */
export interface ViewerData {
  concerns: Concern[];
  frameworks: { name: string; label: string; path: string }[];
  /** `<starter>:<path>` -> highlighted lines. */
  files: Record<string, string[]>;
  /** Concern id -> starter -> what to show. */
  cells: Record<string, Record<string, ViewerFile[]>>;
  /** Concern id -> starter -> lines of code. */
  loc: Record<string, Record<string, number>>;
}

export interface ViewerFile {
  file: string;
  path: string;
  loc: number;
  lines?: [number, number];
  elsewhere?: { lines: [number, number]; concern: string }[];
}

export function viewerData(inputs: ReportInputs): ViewerData {
  const withCode = inputs.loc.filter((l) => inputs.code[l.starter]);
  const usesOther = withCode.some((l) => (l.byConcern[OTHER.id] ?? []).length > 0);
  const concerns = usesOther ? [...inputs.concerns, OTHER] : inputs.concerns;
  const files: ViewerData['files'] = {};
  const cells: ViewerData['cells'] = {};
  const loc: ViewerData['loc'] = {};
  for (const concern of concerns) {
    cells[concern.id] = {};
    loc[concern.id] = {};
    for (const starter of withCode) {
      const views = starter.byConcern[concern.id] ?? [];
      cells[concern.id]![starter.starter] = views.map((view) => {
        const key = `${starter.starter}:${view.path}`;
        files[key] ??= inputs.code[starter.starter]![view.path] ?? [];
        return {
          file: key,
          path: view.path,
          loc: view.loc,
          ...(view.lines && { lines: view.lines }),
          ...(view.elsewhere && { elsewhere: view.elsewhere }),
        };
      });
      loc[concern.id]![starter.starter] = starter.loc[concern.id] ?? 0;
    }
  }
  return {
    concerns,
    frameworks: withCode.map((l) => ({
      name: l.starter,
      label: starterLabel(l.starter),
      path: inputs.starterPaths[l.starter] ?? l.starter,
    })),
    files,
    cells,
    loc,
  };
}

/** A variant against the way its starter runs by default (Nest on Fastify against Nest on Express). */
export interface VariantComparison {
  name: string;
  label: string;
  starterLabel: string;
  /** Requests per second, the variant's median over the starter's, per scenario both were measured on. */
  requests: { request: string; ratio: number }[];
  /** Peak RSS, the variant's less the starter's. */
  rssDeltaMb?: number;
}

/**
 * What choosing a variant costs or saves. The two are measured in the same run but not in the same
 * seconds, so the ratio of their medians is an indication, like the report's other cross-target figures.
 */
export function variantComparisons(bench: BenchReport): VariantComparison[] {
  return bench.targets.flatMap((variant) => {
    if (
      variant.kind !== 'starter' ||
      !variant.starter ||
      variant.starter === variant.name ||
      variant.telemetryOf
    )
      return [];
    const starter = bench.targets.find((t) => t.name === variant.starter);
    if (!starter) return [];
    const requests = bench.scenarios.flatMap((scenario) => {
      const mine = resultOf(bench, variant.name, scenario.id)?.figures.rps?.median;
      const theirs = resultOf(bench, starter.name, scenario.id)?.figures.rps?.median;
      return mine && theirs ? [{ request: scenario.request, ratio: mine / theirs }] : [];
    });
    const mine = summaryOf(bench, variant.name)?.peakRssMb;
    const theirs = summaryOf(bench, starter.name)?.peakRssMb;
    return [
      {
        name: variant.name,
        label: variant.label,
        starterLabel: starter.label,
        requests,
        ...(mine !== undefined && theirs !== undefined && { rssDeltaMb: mine - theirs }),
      },
    ];
  });
}
