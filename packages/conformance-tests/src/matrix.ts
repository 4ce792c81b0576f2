import { balancerName, type TargetReport, type TestStatus } from './results.js';

const MARK: Record<TestStatus | 'missing', string> = {
  passed: '✓',
  failed: '✗',
  'n/a': 'n/a',
  missing: '-',
};
const NAME_WIDTH = 96;

/**
 * The results as a table: one row per test, grouped by file and describe block, one column per target,
 * then each target's contract coverage and what it misses.
 */
export function renderMatrix(reports: readonly TargetReport[]): string {
  const columns = reports.map((r) => Math.max(r.target.length, 3));
  const cell = (text: string, width: number) =>
    text.padStart(Math.ceil((width + text.length) / 2)).padEnd(width);
  const lines: string[] = [];
  lines.push(
    `${''.padEnd(NAME_WIDTH)}  ${reports.map((r, i) => cell(r.target, columns[i]!)).join('  ')}`,
  );

  const rows = new Map<string, { file: string; suites: string[]; name: string }>();
  for (const report of reports) {
    for (const test of report.tests) {
      if (!rows.has(test.id)) rows.set(test.id, test);
    }
  }
  let previous: string[] = [];
  for (const [id, row] of rows) {
    const path = [row.file, ...row.suites];
    const shared = commonPrefix(previous, path);
    for (let depth = shared; depth < path.length; depth++) {
      lines.push(fit(`${'  '.repeat(depth)}${path[depth]}`));
    }
    previous = path;
    const marks = reports.map((report, i) => {
      const test = report.tests.find((t) => t.id === id);
      return cell(MARK[test?.status ?? 'missing'], columns[i]!);
    });
    lines.push(`${fit(`${'  '.repeat(path.length)}${row.name}`)}  ${marks.join('  ')}`);
  }

  lines.push('', 'Contract coverage');
  for (const report of reports) {
    const { covered, total, missing, excluded } = report.coverage;
    lines.push(`  ${report.target}: ${covered}/${total} (operation,status) pairs`);
    if (report.partial) lines.push('    (a filtered run: pairs it did not reach do not fail it)');
    else if (missing.length > 0) lines.push(`    missing: ${missing.join(', ')}`);
    if (excluded.length > 0) {
      const byReason = new Map<string, string[]>();
      for (const e of excluded) byReason.set(e.reason, [...(byReason.get(e.reason) ?? []), e.pair]);
      for (const [reason, pairs] of byReason)
        lines.push(`    not applicable (${reason}): ${pairs.join(', ')}`);
    }
  }
  lines.push('', 'Results');
  for (const report of reports) {
    const { passed, failed } = report.summary;
    const na = report.summary['n/a'];
    const errors = report.errors.length > 0 ? `, ${report.errors.length} harness error(s)` : '';
    lines.push(
      `  ${report.target}: ${passed} passed, ${failed} failed, ${na} n/a${errors} (db: ${report.database.kind}, instances: ${report.instances ?? 1}${report.balancer ? ` behind ${balancerName(report.balancer)}` : ''})`,
    );
  }
  return lines.join('\n');
}

function fit(text: string): string {
  return text.length > NAME_WIDTH ? `${text.slice(0, NAME_WIDTH - 1)}…` : text.padEnd(NAME_WIDTH);
}

function commonPrefix(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
