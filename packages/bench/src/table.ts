import {
  formatMb,
  formatMs,
  formatRate,
  formatRatio,
  formatRatioSpread,
  formatSpread,
} from './format.js';
import { failureCount, type BenchReport } from './results.js';

/** Plain-text columns, padded to the widest cell; numbers right-aligned. */
export function columns(header: string[], rows: string[][], numeric: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * The terminal view of a run: one table per scenario, then cold start and memory per target. Each
 * figure is the median over rounds with its [min–max]; × columns are per-round ratios to the references.
 */
export function renderTable(report: BenchReport): string {
  const label = new Map(report.targets.map((t) => [t.name, t.label]));
  const out: string[] = [];
  const p = report.parameters;
  out.push(
    `${report.kind === 'smoke' ? 'SMOKE RUN, not a measurement' : 'Benchmark'}: ${p.rounds} round(s) x ${p.durationSeconds} s, ` +
      `${p.connections} connections, ${p.database}, ` +
      (p.pinned
        ? `server on core ${p.serverCore}, autocannon on core ${p.loadCore}`
        : 'not pinned'),
  );
  if (report.kind === 'smoke') out.push(`(${report.smokeReasons.join('; ')})`);

  for (const scenario of report.scenarios) {
    const results = report.results.filter((r) => r.scenario === scenario.id);
    if (results.length === 0) continue;
    // GET /health has no sql-limit column: sql-limit is measured on the database scenarios only.
    const sql = scenario.database;
    const header = [
      'target',
      'req/s',
      ...(sql ? ['x sql-limit'] : []),
      'x node:http',
      'x hello',
      'p50 ms',
      'p99 ms',
      'errors',
      'RSS MB',
    ];
    const rows = results.map((r) => [
      label.get(r.target) ?? r.target,
      formatSpread(r.figures.rps, formatRate),
      ...(sql ? [formatRatioSpread(r.ratios.sqlLimit?.rps)] : []),
      formatRatioSpread(r.ratios.limit?.rps),
      formatRatioSpread(r.ratios.framework?.rps),
      formatSpread(r.figures.latencyP50Ms, formatMs),
      formatSpread(r.figures.latencyP99Ms, formatMs),
      String(failureCount(r.failures)),
      formatSpread(r.figures.rssPeakMb, formatMb),
    ]);
    out.push('', `${scenario.request}  (${scenario.description})`);
    out.push(columns(header, rows, [false, ...header.slice(1).map(() => true)]));
  }

  const header = [
    'target',
    'cold start ms',
    'x node:http',
    'x hello',
    'peak RSS MB',
    'x node:http',
    'x hello',
  ];
  const rows = report.summaries.map((s) => [
    label.get(s.target) ?? s.target,
    formatSpread(s.coldStartMs, formatMs),
    formatRatioSpread(s.coldStartRatios.limit),
    formatRatioSpread(s.coldStartRatios.framework),
    s.peakRssMb === undefined ? '–' : formatMb(s.peakRssMb),
    s.peakRssRatios.limit === undefined ? '–' : formatRatio(s.peakRssRatios.limit),
    s.peakRssRatios.framework === undefined ? '–' : formatRatio(s.peakRssRatios.framework),
  ]);
  out.push('', 'Cold start (spawn to first 200 on the ready path) and peak RSS during load');
  out.push(columns(header, rows, [false, true, true, true, true, true, true]));
  const g = report.goals;
  const goals = [
    g.nodeHttpVsSqlLimit !== undefined &&
      `the domain on node:http >= ${g.nodeHttpVsSqlLimit} x sql-limit on every database route`,
    `every starter >= ${g.databaseVsLimit} x node:http on the database routes`,
    `GET /health >= ${g.healthVsFramework} x hello`,
    g.peakRssVsFrameworkMax !== undefined && `peak RSS <= ${g.peakRssVsFrameworkMax} x hello`,
    g.coldStartVsFrameworkMax !== undefined && `cold start <= ${g.coldStartVsFrameworkMax} x hello`,
  ].filter(Boolean);
  out.push(
    '',
    `Medians over rounds [min–max]. x sql-limit, x node:http and x hello are ratios within each round`,
    `(median [min–max]); ~ marks a ratio that moved more than ±10% between rounds: an indication, not a figure.`,
    `Goals: ${goals.join('; ')}.`,
  );
  for (const problem of report.problems) out.push(`! ${problem}`);
  return out.join('\n');
}
