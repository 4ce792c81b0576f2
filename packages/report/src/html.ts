import {
  failureCount,
  NODE_HTTP_TARGET,
  formatMb,
  formatMs,
  formatRate,
  formatRatio,
  formatRatioSpread,
  isStable,
  formatSpread,
  type BenchReport,
  type BenchTarget,
  type Spread,
} from '@rosetta/bench';
import type { Figure } from '@rosetta/conformance-tests/figures';
import type { TargetReport, TestStatus } from '@rosetta/conformance-tests/results';
import { initViewer } from './client/viewer.js';
import {
  coverageRows,
  domainVsSqlLimit,
  matrixGroups,
  reliabilityGroups,
  summaryRows,
  variantComparisons,
  viewerData,
  type DatabaseRatio,
  type ReportInputs,
  type ViewerData,
} from './model.js';
import { pageCss } from './styles.js';

/** Text for HTML content and attribute values. */
function esc(text: string | number): string {
  return String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
}

const when = (iso: string) => iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');

/** The whole report: one self-contained page, inline CSS, script and data, no network. */
export function renderPage(inputs: ReportInputs, themes: { light: string; dark: string }): string {
  const viewer = viewerData(inputs);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Rosetta: the frameworks compared</title>
<style>${pageCss}
${themes.light}
@media (prefers-color-scheme: dark) {
${themes.dark}
}
</style>
</head>
<body>
<header class="page-header">
<h1>Rosetta: the frameworks compared</h1>
<p>One API contract, implemented in each framework. Generated ${esc(when(inputs.generatedAt))}.</p>
<nav aria-label="Sections"><ul>
<li><a href="#summary">Summary</a></li>
<li><a href="#conformance">Conformance</a></li>
<li><a href="#reliability">Reliability</a></li>
<li><a href="#benchmark">Benchmark</a></li>
<li><a href="#loc">Lines of code</a></li>
<li><a href="#code">Code side by side</a></li>
</ul></nav>
</header>
<main>
${summarySection(inputs)}
${conformanceSection(inputs)}
${reliabilitySection(inputs.conformance)}
${benchmarkSection(inputs.bench)}
${locSection(inputs, viewer)}
${codeSection(viewer)}
</main>
<footer>
<p>Made by <code>npm run report</code> from ${inputSources(inputs)}.</p>
${inputs.inputProblems.length ? `<ul class="problems">${inputs.inputProblems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : ''}
</footer>
<script type="application/json" id="viewer-data">${scriptJson(viewer)}</script>
<script>(${initViewer.toString()})();</script>
</body>
</html>
`;
}

function inputSources(inputs: ReportInputs): string {
  const parts = [
    inputs.conformance.length > 0
      ? `<code>reports/conformance/*.json</code> (${inputs.conformance.map((r) => `${esc(r.target)} ${esc(when(r.startedAt))}`).join(', ')})`
      : 'no conformance results',
    inputs.bench
      ? `<code>reports/bench.json</code> (${esc(when(inputs.bench.startedAt))})`
      : 'no benchmark results',
    '<code>packages/report/concerns.json</code> and the starters’ sources',
  ];
  return parts.join(', ');
}

function section(id: string, title: string, body: string): string {
  return `<section id="${id}" aria-labelledby="${id}-title">
<h2 id="${id}-title">${esc(title)}</h2>
${body}
</section>`;
}

function missing(what: string, command: string): string {
  return `<p class="missing" data-missing>${esc(what)}: run <code>${esc(command)}</code>.</p>`;
}

// ---------------------------------------------------------------------------------------------------
// Summary

function summarySection(inputs: ReportInputs): string {
  const rows = summaryRows(inputs);
  const bench = inputs.bench;
  const benchNote = !bench
    ? missing('Performance not measured yet', 'npm run bench')
    : bench.kind === 'smoke'
      ? '<p class="warning">The benchmark figures come from a smoke run: they show every target works under load, not how fast it is.</p>'
      : '';
  const body = rows
    .map((row) => {
      const conformance = row.conformance
        ? `${statusMark(row.conformance.failed === 0)} ${row.conformance.passed}/${row.conformance.passed + row.conformance.failed + row.conformance.na} tests`
        : '<span class="none">not run</span>';
      const coverage = row.conformance
        ? `${row.conformance.covered}/${row.conformance.total} pairs`
        : '<span class="none">–</span>';
      const g = bench?.goals;
      const database = databaseChips(row.databaseVsLimit, atLeast(g?.databaseVsLimit), bench);
      const sql = databaseChips(row.databaseVsSqlLimit, undefined, bench);
      const versus = (ratio: Spread | undefined, what: string, goal: Goal | undefined) =>
        ratio ? ` ${chip(ratio, '', '× hello', what, goal, bench)}` : '';
      const cold = row.coldStartMs
        ? `${formatMs(row.coldStartMs.median)} ms${versus(row.coldStartVsFramework, 'cold start', atMost(g?.coldStartVsFrameworkMax))}`
        : '<span class="none">–</span>';
      const rss =
        row.peakRssMb !== undefined
          ? `${formatMb(row.peakRssMb)} MB${versus(single(row.peakRssVsFramework), 'peak RSS', atMost(g?.peakRssVsFrameworkMax))}`
          : '<span class="none">–</span>';
      return `<tr data-target="${esc(row.name)}">
<th scope="row">${esc(row.label)}</th>
<td data-label="Conformance"><span class="v">${conformance}<br>${coverage}</span></td>
<td data-label="GET /health vs hello-world"><span class="v">${row.healthVsFramework ? chip(row.healthVsFramework, '', '×', 'GET /health', atLeast(g?.healthVsFramework), bench) : '<span class="none">–</span>'}</span></td>
<td data-label="Database routes vs node:http"><span class="v">${database}</span></td>
<td data-label="Database routes vs sql-limit"><span class="v">${sql}</span></td>
<td data-label="Cold start"><span class="v">${cold}</span></td>
<td data-label="Peak RSS"><span class="v">${rss}</span></td>
<td data-label="Lines of code"><span class="v">${row.locSource === undefined ? '–' : `${row.locSource} src<br>${row.locTests ?? 0} tests`}</span></td>
</tr>`;
    })
    .join('\n');
  return section(
    'summary',
    'Summary',
    `<p>Does each framework honour the contract, how fast and how heavy is it on the same work, and how much code does it take? Ratios are medians of per-round ratios from one benchmark run: “vs hello-world” is the starter’s <code>GET /health</code>, cold start and peak RSS against its framework’s bare hello-world (what logging, validation, auth and headers cost); “vs node:http” is each database-backed scenario (list, create, read) against the same domain on a plain <code>node:http</code> adapter (what the framework costs); “vs sql-limit” is the same against the fewest SQL statements through <code>pg</code> on <code>node:http</code>, no ORM and no framework (the machine’s limit for the work).</p>
${benchNote}
${bench ? domainNote(bench) : ''}
<div class="table-wrap"><table class="summary cards">
<caption>Each framework at a glance</caption>
<thead><tr><th scope="col">Framework</th><th scope="col">Conformance <small>tests, contract pairs</small></th><th scope="col">GET /health <small>vs hello-world</small></th><th scope="col">Database routes <small>vs node:http</small></th><th scope="col">Database routes <small>vs sql-limit</small></th><th scope="col">Cold start <small>vs hello-world</small></th><th scope="col">Peak RSS <small>vs hello-world</small></th><th scope="col">Lines of code</th></tr></thead>
<tbody>
${body}
</tbody>
</table></div>
${bench ? variantNote(bench) : ''}`,
  );
}

/** One line per variant: what running the starter that way changes, request rate and memory. */
function variantNote(bench: BenchReport): string {
  return variantComparisons(bench)
    .map((v) => {
      const requests = v.requests
        .map((r) => `<code>${esc(r.request)}</code> ${esc(r.ratio.toFixed(2))}×`)
        .join(', ');
      const rss =
        v.rssDeltaMb === undefined
          ? ''
          : `; peak RSS ${v.rssDeltaMb >= 0 ? '+' : '−'}${esc(formatMb(Math.abs(v.rssDeltaMb)))} MB`;
      return `<p class="variant" data-variant="${esc(v.name)}">${esc(v.label)} against ${esc(v.starterLabel)}, requests per second (medians): ${requests}${rss}.</p>`;
    })
    .join('\n');
}

/** `list 0.95× read 0.97×`, or a dash when there is none. */
function databaseChips(
  ratios: readonly DatabaseRatio[],
  goal: Goal | undefined,
  bench: BenchReport | undefined,
): string {
  if (ratios.length === 0) return '<span class="none">–</span>';
  return ratios.map((d) => chip(d.ratio, `${d.short} `, '×', d.request, goal, bench)).join(' ');
}

/** The domain's own cost, which every starter inherits: the domain on node:http against sql-limit. */
function domainNote(bench: BenchReport): string {
  const ratios = domainVsSqlLimit(bench);
  if (ratios.length === 0) return '';
  const goal = atLeast(bench.goals.nodeHttpVsSqlLimit);
  return `<p class="domain-cost" data-reference="node-http">The domain on plain <code>node:http</code>, which every starter builds on, against sql-limit: ${databaseChips(ratios, goal, bench)}${goal ? ` (goal ≥ ${bench.goals.nodeHttpVsSqlLimit}×)` : ''}.</p>`;
}

function statusMark(ok: boolean): string {
  return ok
    ? '<span class="pass" aria-label="passes">✓</span>'
    : '<span class="fail" aria-label="fails">✗</span>';
}

/** A ratio's goal: a floor (requests/s) or a ceiling (memory, start-up). */
type Goal = { atLeast: number } | { atMost: number };
const atLeast = (n: number | undefined): Goal | undefined =>
  n === undefined ? undefined : { atLeast: n };
const atMost = (n: number | undefined): Goal | undefined =>
  n === undefined ? undefined : { atMost: n };
/** A figure measured once (peak RSS) as a spread, so that it can be a chip. */
const single = (n: number | undefined): Spread | undefined =>
  n === undefined ? undefined : { median: n, min: n, max: n, n: 1 };

function meets(ratio: number, goal: Goal): boolean {
  return 'atLeast' in goal ? ratio >= goal.atLeast : ratio <= goal.atMost;
}

/**
 * A ratio as a chip: its median, `~` when it moved more than ±10% between rounds, and, in a
 * measurement, whether it meets its goal. A smoke run's or an unstable ratio is judged against nothing.
 */
function chip(
  ratio: Spread,
  prefix: string,
  suffix: string,
  what: string,
  goal: Goal | undefined,
  bench: BenchReport | undefined,
): string {
  const stable = isStable(ratio);
  let kind = '';
  if (stable === false) kind = ' unstable';
  else if (goal !== undefined && bench && bench.kind === 'measurement') {
    kind = meets(ratio.median, goal) ? ' meets-goal' : ' below-goal';
  }
  const range =
    ratio.n > 1
      ? `, ${formatRatio(ratio.min)}–${formatRatio(ratio.max)} over ${ratio.n} rounds`
      : '';
  const goalText =
    goal === undefined
      ? ''
      : 'atLeast' in goal
        ? `; goal ≥ ${goal.atLeast}`
        : `; goal ≤ ${goal.atMost}`;
  const title = `${what}: median ${formatRatio(ratio.median)}${range}${goalText}${stable === false ? '; moved more than ±10% between rounds' : ''}`;
  return `<span class="ratio${kind}" title="${esc(title)}">${esc(prefix)}${stable === false ? '~' : ''}${formatRatio(ratio.median)}${esc(suffix)}</span>`;
}

// ---------------------------------------------------------------------------------------------------
// Conformance

function conformanceSection(inputs: ReportInputs): string {
  const reports = inputs.conformance;
  if (reports.length === 0) {
    return section(
      'conformance',
      'Conformance',
      missing('No conformance results yet', 'npm start'),
    );
  }
  const targets = reports
    .map((r) => {
      const total = r.summary.passed + r.summary.failed + r.summary['n/a'];
      return `<tr data-target="${esc(r.target)}">
<th scope="row">${esc(r.target)}</th>
<td data-label="Passed"><span class="v">${statusMark(r.summary.failed === 0 && r.errors.length === 0)} ${r.summary.passed}/${total}</span></td>
<td data-label="Failed"><span class="v">${r.summary.failed}</span></td>
<td data-label="n/a"><span class="v">${r.summary['n/a']}</span></td>
<td data-label="Contract coverage"><span class="v">${r.coverage.covered}/${r.coverage.total}${r.coverage.missing.length ? ` <span class="fail">(${r.coverage.missing.length} missing)</span>` : ''}${r.partial ? ' <span class="none">(partial run)</span>' : ''}</span></td>
<td data-label="Database"><span class="v">${esc(r.database.kind)}${(r.instances ?? 1) > 1 ? ` (${r.instances} instances)` : ''}</span></td>
<td data-label="Run at"><span class="v">${esc(when(r.startedAt))}</span></td>
</tr>`;
    })
    .join('\n');
  const errors = reports
    .filter((r) => r.errors.length > 0)
    .map((r) => `<li><strong>${esc(r.target)}</strong>: ${esc(r.errors[0]!.split('\n')[0]!)}</li>`)
    .join('');
  const columns = reports.map((r) => `<th scope="col">${esc(r.target)}</th>`).join('');
  const groups = matrixGroups(reports)
    .map((group) => {
      const failed = group.failed.some((n) => n > 0);
      const rows = group.rows
        .map(
          (row) =>
            `<tr><th scope="row">${esc(row.title)}</th>${row.statuses.map((s) => `<td>${statusCell(s)}</td>`).join('')}</tr>`,
        )
        .join('\n');
      return `<details class="matrix-group"${failed ? ' open' : ''}>
<summary><code>${esc(group.file)}</code> <span class="count">${group.rows.length} tests</span>${failed ? ` <span class="fail">${group.failed.reduce((a, b) => a + b, 0)} failed</span>` : ''}</summary>
<div class="table-wrap"><table class="matrix">
<thead><tr><th scope="col">test</th>${columns}</tr></thead>
<tbody>
${rows}
</tbody></table></div>
</details>`;
    })
    .join('\n');
  const coverage = coverageRows(reports)
    .map(
      ({ pair, cells }) =>
        `<tr><th scope="row"><code>${esc(pair)}</code></th>${cells
          .map((cell) => {
            switch (cell.kind) {
              case 'covered':
                return `<td class="pass" title="answered ${cell.count} times">${cell.count}</td>`;
              case 'missing':
                return '<td class="fail">missing</td>';
              case 'excluded':
                return `<td class="na" title="${esc(cell.reason)}">n/a</td>`;
              case 'unknown':
                return '<td class="none">–</td>';
            }
          })
          .join('')}</tr>`,
    )
    .join('\n');
  const testCount = new Set(reports.flatMap((r) => r.tests.map((t) => t.id))).size;
  return section(
    'conformance',
    'Conformance',
    `<p>The black-box suite boots each starter on a fresh database and checks every response against the contract: status, content type, body schema and headers, plus the behaviour schemas cannot express. Contract coverage counts the documented (operation, status) pairs each run answered and conformed to.</p>
<div class="table-wrap"><table class="cards">
<caption>Results per target</caption>
<thead><tr><th scope="col">Target</th><th scope="col">Passed</th><th scope="col">Failed</th><th scope="col">n/a</th><th scope="col">Contract coverage</th><th scope="col">Database</th><th scope="col">Run at</th></tr></thead>
<tbody>
${targets}
</tbody></table></div>
${errors ? `<ul class="problems">${errors}</ul>` : ''}
<h3>The matrix: ${testCount} tests × ${reports.length} targets</h3>
<p class="legend"><span class="pass">✓</span> passed · <span class="fail">✗</span> failed · <span class="na">n/a</span> cannot run against that target · <span class="none">–</span> not run. Files with a failure are open.</p>
${groups}
<details class="coverage">
<summary>Contract coverage: how often each (operation, status) pair was answered</summary>
<div class="table-wrap"><table class="matrix">
<thead><tr><th scope="col">operation status</th>${columns}</tr></thead>
<tbody>
${coverage}
</tbody></table></div>
</details>`,
  );
}

// ---------------------------------------------------------------------------------------------------
// Reliability

function reliabilitySection(reports: readonly TargetReport[]): string {
  const groups = reliabilityGroups(reports);
  if (groups.length === 0) {
    return section(
      'reliability',
      'Reliability',
      missing('No reliability results yet', 'npm start'),
    );
  }
  const columns = reports.map((r) => `<th scope="col">${esc(r.target)}</th>`).join('');
  const profiles = reports
    .map(
      (r) =>
        `<td>${esc(r.reliability?.profile ?? '–')}${r.reliability ? ` <span class="none">seed ${esc(r.reliability.seed)}</span>` : ''}</td>`,
    )
    .join('');
  const tables = groups
    .map((group) => {
      const tests = group.tests
        .map((t) => {
          const total = t.passed + t.failed + t.na;
          if (total === 0) return '<td class="none">–</td>';
          if (t.failed > 0) return `<td class="fail">✗ ${t.failed} of ${total} failed</td>`;
          if (t.passed === 0) return `<td class="na">n/a</td>`;
          return `<td class="pass">✓ ${t.passed}/${total}</td>`;
        })
        .join('');
      const figures = group.figures
        .map(
          (figure) =>
            `<tr><th scope="row"><code>${esc(figure.name)}</code></th>${figure.values.map((v) => `<td>${formatFigure(v)}</td>`).join('')}</tr>`,
        )
        .join('\n');
      return `<div class="table-wrap" data-group="${esc(group.name)}"><table class="matrix figures">
<caption><strong>${esc(group.name)}</strong> · <code>test/reliability/${esc(group.name)}.test.ts</code></caption>
<thead><tr><th scope="col">figure</th>${columns}</tr></thead>
<tbody>
<tr><th scope="row">tests</th>${tests}</tr>
${figures}
</tbody></table></div>`;
    })
    .join('\n');
  return section(
    'reliability',
    'Reliability',
    `<p>What each starter does under hostile input, a database outage, SIGTERM mid-request, sustained load, two instances behind a proxy and slow clients: the reliability groups of the suite, with what each measured. <code>npm test</code> runs them in the quick profile; <code>npm run test:reliability</code> at full length. A fuzzing run replays with <code>--seed</code>.</p>
<div class="table-wrap"><table class="matrix">
<thead><tr><th scope="col">run</th>${columns}</tr></thead>
<tbody><tr><th scope="row">profile</th>${profiles}</tr></tbody></table></div>
${tables}`,
  );
}

/** A figure for people: grouped digits, at most two decimals, records as `key: value` lists. */
function formatFigure(value: Figure | undefined): string {
  if (value === undefined) return '<span class="none">–</span>';
  if (typeof value === 'boolean') return statusMark(value);
  if (typeof value === 'number') return esc(formatNumber(value));
  if (typeof value === 'string') return esc(value);
  const entries = Object.entries(value);
  if (entries.length === 0) return '<span class="none">none</span>';
  return entries.map(([key, n]) => `${esc(key)}: ${esc(formatNumber(n))}`).join('<br>');
}

function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function statusCell(status: TestStatus | undefined): string {
  switch (status) {
    case 'passed':
      return '<span class="pass" title="passed">✓</span>';
    case 'failed':
      return '<span class="fail" title="failed">✗</span>';
    case 'n/a':
      return '<span class="na" title="cannot run against this target">n/a</span>';
    default:
      return '<span class="none" title="not run">–</span>';
  }
}

// ---------------------------------------------------------------------------------------------------
// Benchmark

function benchmarkSection(bench: BenchReport | undefined): string {
  if (!bench) {
    return section(
      'benchmark',
      'Benchmark',
      `${missing('Not measured yet', 'npm run bench')}
<p>The benchmark measures every starter under the same load, against three references (sql-limit, the fewest SQL statements through <code>pg</code> on plain <code>node:http</code>; the same domain on plain <code>node:http</code>; each framework’s bare hello-world), and writes <code>reports/bench.json</code>; <code>npm run report</code> then puts it here.</p>`,
    );
  }
  const p = bench.parameters;
  const m = bench.machine;
  const label = (name: string) => bench.targets.find((t) => t.name === name)?.label ?? name;
  const banner =
    bench.kind === 'smoke'
      ? `<p class="warning" data-bench-kind="smoke"><strong>Smoke run, not a measurement</strong> (${esc(bench.smokeReasons.join('; '))}): it proves every target serves every scenario correctly under load. Run <code>npm run bench</code> for figures.</p>`
      : '<p class="info" data-bench-kind="measurement">A measurement: medians over rounds, with their range.</p>';
  const scenarios = bench.scenarios
    .map((scenario) => {
      const results = bench.results.filter((r) => r.scenario === scenario.id);
      if (results.length === 0) return '';
      const max = Math.max(...results.map((r) => r.figures.rps?.max ?? 0));
      // sql-limit is measured on the database scenarios only, so only they have its column.
      const sql = scenario.database;
      const bars = results
        .map((r) => {
          const target = bench.targets.find((t) => t.name === r.target)!;
          const rps = r.figures.rps;
          const chips = [
            r.ratios.sqlLimit?.rps &&
              chip(
                r.ratios.sqlLimit.rps,
                '',
                '× sql-limit',
                scenario.request,
                r.target === NODE_HTTP_TARGET ? atLeast(bench.goals.nodeHttpVsSqlLimit) : undefined,
                bench,
              ),
            r.ratios.limit?.rps &&
              chip(
                r.ratios.limit.rps,
                '',
                '× node:http',
                scenario.request,
                scenario.database ? atLeast(bench.goals.databaseVsLimit) : undefined,
                bench,
              ),
            r.ratios.framework?.rps &&
              chip(
                r.ratios.framework.rps,
                '',
                '× hello-world',
                scenario.request,
                atLeast(bench.goals.healthVsFramework),
                bench,
              ),
          ]
            .filter(Boolean)
            .join(' ');
          return bar(target, rps, max, `${rps ? formatRate(rps.median) : '–'} req/s`, chips);
        })
        .join('\n');
      const rows = results
        .map((r) => {
          const failures = failureCount(r.failures);
          return `<tr data-target="${esc(r.target)}">
<th scope="row">${esc(label(r.target))}</th>
<td data-label="req/s"><span class="v">${formatSpread(r.figures.rps, formatRate)}</span></td>
${sql ? `<td data-label="× sql-limit"><span class="v">${formatRatioSpread(r.ratios.sqlLimit?.rps)}</span></td>\n` : ''}<td data-label="× node:http"><span class="v">${formatRatioSpread(r.ratios.limit?.rps)}</span></td>
<td data-label="× hello-world"><span class="v">${formatRatioSpread(r.ratios.framework?.rps)}</span></td>
<td data-label="p50 ms"><span class="v">${formatSpread(r.figures.latencyP50Ms, formatMs)}</span></td>
<td data-label="p99 ms"><span class="v">${formatSpread(r.figures.latencyP99Ms, formatMs)}</span></td>
<td data-label="Errors"${failures > 0 ? ' class="fail"' : ''}><span class="v">${failures}</span></td>
<td data-label="Peak RSS MB"><span class="v">${formatSpread(r.figures.rssPeakMb, formatMb)}</span></td>
</tr>`;
        })
        .join('\n');
      return `<section class="scenario" aria-labelledby="scenario-${scenario.id}">
<h3 id="scenario-${scenario.id}"><code>${esc(scenario.request)}</code></h3>
<p>${esc(scenario.description)}. Every response checked: status ${scenario.status} and body.</p>
<div class="bars" role="list" aria-label="Requests per second, ${esc(scenario.request)}">
${bars}
</div>
<div class="table-wrap"><table class="bench-table">
<caption>${esc(scenario.request)}: medians over ${p.rounds} round(s) [min–max]</caption>
<thead><tr><th scope="col">Target</th><th scope="col">req/s</th>${sql ? '<th scope="col">× sql-limit</th>' : ''}<th scope="col">× node:http</th><th scope="col">× hello-world</th><th scope="col">p50 ms</th><th scope="col">p99 ms</th><th scope="col">Errors</th><th scope="col">Peak RSS MB</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
</section>`;
    })
    .join('\n');

  const coldMax = Math.max(...bench.summaries.map((s) => s.coldStartMs?.max ?? 0));
  const rssMax = Math.max(...bench.summaries.map((s) => s.peakRssMb ?? 0));
  const coldBars = bench.summaries
    .map((s) => {
      const target = bench.targets.find((t) => t.name === s.target)!;
      const chips = [
        s.coldStartRatios.limit &&
          chip(s.coldStartRatios.limit, '', '× node:http', 'cold start', undefined, bench),
        s.coldStartRatios.framework &&
          chip(
            s.coldStartRatios.framework,
            '',
            '× hello-world',
            'cold start',
            atMost(bench.goals.coldStartVsFrameworkMax),
            bench,
          ),
      ]
        .filter(Boolean)
        .join(' ');
      return bar(
        target,
        s.coldStartMs,
        coldMax,
        s.coldStartMs ? `${formatMs(s.coldStartMs.median)} ms` : '–',
        chips,
      );
    })
    .join('\n');
  const rssBars = bench.summaries
    .map((s) => {
      const target = bench.targets.find((t) => t.name === s.target)!;
      const value =
        s.peakRssMb === undefined
          ? undefined
          : { median: s.peakRssMb, min: s.peakRssMb, max: s.peakRssMb, n: 1 };
      const limit = single(s.peakRssRatios.limit);
      const framework = single(s.peakRssRatios.framework);
      const chips = [
        limit && chip(limit, '', '× node:http', 'peak RSS', undefined, bench),
        framework &&
          chip(
            framework,
            '',
            '× hello-world',
            'peak RSS',
            atMost(bench.goals.peakRssVsFrameworkMax),
            bench,
          ),
      ]
        .filter(Boolean)
        .join(' ');
      return bar(target, value, rssMax, value ? `${formatMb(value.median)} MB` : '–', chips);
    })
    .join('\n');
  const summaryRows = bench.summaries
    .map(
      (s) => `<tr data-target="${esc(s.target)}">
<th scope="row">${esc(label(s.target))}</th>
<td data-label="Cold start ms"><span class="v">${formatSpread(s.coldStartMs, formatMs)}</span></td>
<td data-label="× node:http"><span class="v">${formatRatioSpread(s.coldStartRatios.limit)}</span></td>
<td data-label="× hello-world"><span class="v">${formatRatioSpread(s.coldStartRatios.framework)}</span></td>
<td data-label="Peak RSS MB"><span class="v">${s.peakRssMb === undefined ? '–' : formatMb(s.peakRssMb)}</span></td>
<td data-label="RSS × node:http"><span class="v">${s.peakRssRatios.limit === undefined ? '–' : formatRatio(s.peakRssRatios.limit)}</span></td>
<td data-label="RSS × hello-world"><span class="v">${s.peakRssRatios.framework === undefined ? '–' : formatRatio(s.peakRssRatios.framework)}</span></td>
</tr>`,
    )
    .join('\n');
  const problems = bench.problems.length
    ? `<h3>Problems</h3><ul class="problems">${bench.problems.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`
    : '';

  return section(
    'benchmark',
    'Benchmark',
    `${banner}
<div class="caveats" role="note" aria-label="How far to trust these figures">
<p><strong>Read the ratios, not the absolute figures.</strong></p>
<ul>${bench.caveats.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>
</div>
<p>Three references run in the same run as the starters, each bench-only: <strong>sql-limit</strong>, plain <code>node:http</code> answering each database scenario with the fewest SQL statements the contract needs, prepared, through <code>pg</code> with the same token check and validation, no ORM (the machine’s limit for the work); <strong>the domain on node:http</strong>, the same authentication and validation over the same domain the starters use, no framework; and each framework’s bare <strong>hello-world</strong>. ${goalsText(bench)}</p>
<p class="legend">Ratios are medians of per-round ratios; hover one for its range. In a measurement a green border meets its goal and a red one misses it; <span class="ratio unstable">~0.50×</span> moved more than ±10% between rounds and is only an indication. Bars show the median, the whisker the min–max over rounds.</p>
<details class="parameters"><summary>How this run was made</summary>
<dl>
<dt>Run</dt><dd>${esc(when(bench.startedAt))} to ${esc(when(bench.finishedAt))}</dd>
<dt>Load</dt><dd>autocannon, ${p.connections} connections, pipelining ${p.pipelining}, ${p.durationSeconds} s per target, scenario and round; ${p.warmupSeconds} s warm-up each, discarded</dd>
<dt>Rounds</dt><dd>${p.rounds}, target order reversed every other round; ratios computed within each round</dd>
<dt>Pinning</dt><dd>${p.pinned ? `servers on core ${p.serverCore}, load generator on core ${p.loadCore} (taskset)` : 'none'}</dd>
<dt>Database</dt><dd>${esc(p.database)}, a fresh database per target, seeded through its API with ${p.seedTasks} tasks</dd>
<dt>Servers</dt><dd>as in production: <code>node dist/server.js</code>, NODE_ENV=production, LOG_LEVEL ${esc(p.logLevel)}, output to a file</dd>
<dt>Machine</dt><dd>${m.cpus} × ${esc(m.cpuModel)}, ${m.memoryGb} GB, Node ${esc(m.node)}, ${esc(m.platform)}, load average ${m.loadAverage} at start</dd>
</dl>
</details>
${scenarios}
<section class="scenario" aria-labelledby="scenario-startup">
<h3 id="scenario-startup">Cold start and memory</h3>
<p>Cold start: a new process on the seeded database, from spawn to the first correct 200 on <code>/health/ready</code> (hello-worlds: <code>/health</code>), polled every 5 ms. Peak RSS: the highest <code>VmRSS</code> sampled during load.</p>
<h4>Cold start</h4>
<div class="bars" role="list" aria-label="Cold start in milliseconds">
${coldBars}
</div>
<h4>Peak RSS</h4>
<div class="bars" role="list" aria-label="Peak RSS in megabytes">
${rssBars}
</div>
<div class="table-wrap"><table class="bench-table">
<caption>Cold start (medians [min–max]) and peak RSS per target</caption>
<thead><tr><th scope="col">Target</th><th scope="col">Cold start ms</th><th scope="col">× node:http</th><th scope="col">× hello-world</th><th scope="col">Peak RSS MB</th><th scope="col">× node:http</th><th scope="col">× hello-world</th></tr></thead>
<tbody>
${summaryRows}
</tbody></table></div>
</section>
${problems}`,
  );
}

/** The goals, in words; those a report from before they were set lacks are left out. */
function goalsText(bench: BenchReport): string {
  const g = bench.goals;
  const goals = [
    g.nodeHttpVsSqlLimit !== undefined &&
      `the domain on node:http at least ${g.nodeHttpVsSqlLimit}× sql-limit on every database route`,
    `every starter at least ${g.databaseVsLimit}× node:http on the database routes`,
    `<code>GET /health</code> at least ${g.healthVsFramework}× the framework’s hello-world`,
    g.peakRssVsFrameworkMax !== undefined &&
      `peak RSS at most ${g.peakRssVsFrameworkMax}× the hello-world’s`,
    g.coldStartVsFrameworkMax !== undefined &&
      `cold start at most ${g.coldStartVsFrameworkMax}× the hello-world’s`,
  ].filter(Boolean);
  return `The goals: ${goals.join('; ')}.`;
}

/** One horizontal bar: the median, with a whisker over min–max; the width is relative to `max`. */
function bar(
  target: BenchTarget,
  value: Spread | undefined,
  max: number,
  text: string,
  chips: string,
): string {
  const pct = (v: number) => (max > 0 ? Math.max(0, Math.min(100, (v / max) * 100)) : 0);
  const fill = value ? pct(value.median) : 0;
  const whisker =
    value && value.n > 1 && value.max > value.min
      ? `<span class="whisker" style="left:${pct(value.min).toFixed(1)}%;width:${(pct(value.max) - pct(value.min)).toFixed(1)}%"></span>`
      : '';
  return `<div class="bar-row kind-${target.kind}" role="listitem" data-target="${esc(target.name)}">
<span class="bar-label">${esc(target.label)}</span>
<span class="bar-track" aria-hidden="true"><span class="bar-fill" style="width:${fill.toFixed(1)}%"></span>${whisker}</span>
<span class="bar-value">${esc(text)} ${chips}</span>
</div>`;
}

// ---------------------------------------------------------------------------------------------------
// Lines of code

function locSection(inputs: ReportInputs, viewer: ViewerData): string {
  if (viewer.frameworks.length === 0) {
    return section(
      'loc',
      'Lines of code per concern',
      '<p class="missing">No starter sources found.</p>',
    );
  }
  const frameworks = viewer.frameworks;
  const rows = viewer.concerns
    .map((concern) => {
      const values = frameworks.map((f) => viewer.loc[concern.id]?.[f.name] ?? 0);
      const max = Math.max(1, ...values);
      return `<tr data-concern="${esc(concern.id)}">
<th scope="row"><a href="#code/${esc(concern.id)}/${esc(frameworks[0]!.name)}/${esc((frameworks[1] ?? frameworks[0]!).name)}" data-concern-link="${esc(concern.id)}">${esc(concern.title)}</a></th>
${values
  .map(
    (n, i) =>
      `<td data-label="${esc(frameworks[i]!.label)}"><span class="v"><span class="loc-bar" aria-hidden="true" style="width:${((n / max) * 100).toFixed(0)}%"></span><span class="loc-n">${n}</span></span></td>`,
  )
  .join('')}
</tr>`;
    })
    .join('\n');
  const total = (filter: (id: string) => boolean) =>
    frameworks.map((f) =>
      viewer.concerns
        .filter((c) => filter(c.id))
        .reduce((sum, c) => sum + (viewer.loc[c.id]?.[f.name] ?? 0), 0),
    );
  const totalRow = (title: string, values: number[]) =>
    `<tr class="total"><th scope="row">${esc(title)}</th>${values.map((n, i) => `<td data-label="${esc(frameworks[i]!.label)}"><span class="v"><span class="loc-n">${n}</span></span></td>`).join('')}</tr>`;
  const warnings = inputs.loc.flatMap((l) => l.warnings);
  return section(
    'loc',
    'Lines of code per concern',
    `<p>Non-blank, non-comment lines of each starter’s <code>src/</code> and <code>test/</code>, by concern. Which files implement which concern is set in <code>packages/report/concerns.json</code>; a line belongs to exactly one concern. Click a concern to read its code.</p>
<div class="table-wrap"><table class="loc">
<caption>Lines of code per concern and framework</caption>
<thead><tr><th scope="col">Concern</th>${frameworks.map((f) => `<th scope="col">${esc(f.label)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
${totalRow(
  'Source (all but tests)',
  total((id) => id !== 'tests'),
)}
${totalRow(
  'Total',
  total(() => true),
)}
</tbody></table></div>
${warnings.length ? `<details><summary>${warnings.length} note(s) on concerns.json</summary><ul>${warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul></details>` : ''}`,
  );
}

// ---------------------------------------------------------------------------------------------------
// Code viewer

function codeSection(viewer: ViewerData): string {
  if (viewer.frameworks.length === 0) {
    return section('code', 'Code side by side', '<p class="missing">No starter sources found.</p>');
  }
  const concernTabs = viewer.concerns
    .map(
      (c, i) =>
        `<button type="button" role="tab" id="concern-tab-${esc(c.id)}" data-value="${esc(c.id)}" aria-selected="${i === 0}" aria-controls="viewer-panel" tabindex="${i === 0 ? 0 : -1}">${esc(c.title)}</button>`,
    )
    .join('');
  const pane = (index: number) => {
    const selected = (viewer.frameworks[index] ?? viewer.frameworks[0]!).name;
    const tabs = viewer.frameworks
      .map(
        (f) =>
          `<button type="button" role="tab" id="pane-${index}-tab-${esc(f.name)}" data-value="${esc(f.name)}" aria-selected="${f.name === selected}" aria-controls="pane-${index}-code" tabindex="${f.name === selected ? 0 : -1}">${esc(f.label)} <span class="count" data-loc></span></button>`,
      )
      .join('');
    return `<div class="pane">
<div class="tabs framework-tabs" role="tablist" aria-label="${index === 0 ? 'Left' : 'Right'} pane framework" data-tabs="pane-${index}">${tabs}</div>
<div class="pane-code" id="pane-${index}-code" role="tabpanel" aria-live="polite" aria-labelledby="pane-${index}-tab-${esc(selected)}" data-pane-code="${index}"></div>
</div>`;
  };
  return section(
    'code',
    'Code side by side',
    `<p>The files that implement each concern, in two frameworks at once. Pick a concern, then a framework on each side.</p>
<div class="viewer" data-viewer>
<div class="tabs concern-tabs" role="tablist" aria-label="Concern" data-tabs="concern">${concernTabs}</div>
<div id="viewer-panel" role="tabpanel" data-concern-panel aria-labelledby="concern-tab-${esc(viewer.concerns[0]!.id)}">
<p class="concern-summary" data-concern-summary></p>
<div class="panes">
${pane(0)}
${pane(1)}
</div>
</div>
<noscript><p class="missing">The code viewer needs JavaScript.</p></noscript>
</div>`,
  );
}
