import { relative } from 'node:path';
import type { TestCase, TestModule, TestSuite } from 'vitest/node';
import type { ReliabilityProfile } from './context.js';
import type { Coverage } from './coverage.js';
import type { Figures } from './figures.js';
import type { DbKind } from './database.js';

export type TestStatus = 'passed' | 'failed' | 'n/a';

export interface TestRecord {
  /** Stable across targets: file, describe blocks and title. */
  id: string;
  file: string;
  suites: string[];
  name: string;
  status: TestStatus;
  durationMs: number;
  error?: string;
}

/**
 * What stood in front of more than one instance: HAProxy, or the harness's own balancer. HAProxy's
 * version (`2.6.12`) too, as what it answers by itself differs by version.
 */
export type Balancer = { kind: 'haproxy'; version: string } | { kind: 'harness' };

/** How the results name it: "HAProxy 2.6.12". */
export function balancerName(balancer: Balancer): string {
  return balancer.kind === 'haproxy' ? `HAProxy ${balancer.version}` : "the harness's balancer";
}

export interface TargetReport {
  target: string;
  kind: 'starter' | 'url';
  baseUrl: string | undefined;
  database: { kind: DbKind | 'external' };
  /** Instances of the starter the suite ran against, through a balancer when more than one (1 if absent). */
  instances?: number;
  /** What stood in front of more than one instance. */
  balancer?: Balancer;
  /** Requests the balancer sent each instance; only when there was a balancer. */
  requestsPerInstance?: number[];
  startedAt: string;
  timings: Record<string, number>;
  summary: Record<TestStatus, number>;
  tests: TestRecord[];
  coverage: Coverage;
  /** Only some files or tests ran (filters), so coverage gaps are reported but do not fail the run. */
  partial: boolean;
  /** The reliability profile the run used; its seed replays the fuzzing with `--seed`. */
  reliability: { profile: ReliabilityProfile['name']; seed: number };
  /** What each group measured (`src/figures.ts`), by group name. */
  figures: Record<string, Figures>;
  /** Errors outside any test: a file that failed to load, an unhandled rejection, a failed boot. */
  errors: string[];
  logFile: string | undefined;
}

export function testId(file: string, suites: readonly string[], name: string): string {
  return [file, ...suites, name].join(' > ');
}

/** Vitest's results as plain records; skipped tests are the ones a target cannot run (`runIf`). */
export function collectTests(modules: readonly TestModule[], root: string): TestRecord[] {
  const records: TestRecord[] = [];
  const files = modules.map((module) => ({
    module,
    file: relative(root, module.moduleId).split('\\').join('/'),
  }));
  // Files finish in any order; the report and the matrix list them by path.
  files.sort((a, b) => a.file.localeCompare(b.file));
  for (const { module, file } of files) {
    for (const test of module.children.allTests()) records.push(toRecord(test, file));
    for (const error of module.errors()) {
      records.push({
        id: testId(file, [], '(file)'),
        file,
        suites: [],
        name: '(file)',
        status: 'failed',
        durationMs: 0,
        error: error.stack ?? error.message,
      });
    }
  }
  return records;
}

function toRecord(test: TestCase, file: string): TestRecord {
  const suites: string[] = [];
  for (let parent = test.parent; parent.type === 'suite'; parent = (parent as TestSuite).parent) {
    suites.unshift(parent.name);
  }
  const result = test.result();
  const status: TestStatus =
    result.state === 'passed' ? 'passed' : result.state === 'skipped' ? 'n/a' : 'failed';
  const record: TestRecord = {
    id: testId(file, suites, test.name),
    file,
    suites,
    name: test.name,
    status,
    durationMs: Math.round(test.diagnostic()?.duration ?? 0),
  };
  if (result.state === 'failed' || result.state === 'pending') {
    record.error =
      result.errors?.map((e) => e.stack || e.message).join('\n\n') ?? 'The test never finished.';
  }
  return record;
}

export function summarize(tests: readonly TestRecord[]): Record<TestStatus, number> {
  const summary: Record<TestStatus, number> = { passed: 0, failed: 0, 'n/a': 0 };
  for (const test of tests) summary[test.status]++;
  return summary;
}

/** A target fails if any test failed, anything broke outside a test, or a full run left a coverage gap. */
export function targetPassed(report: TargetReport): boolean {
  const gaps = report.partial ? 0 : report.coverage.missing.length;
  return report.summary.failed === 0 && report.errors.length === 0 && gaps === 0;
}
