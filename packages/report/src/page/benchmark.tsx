import {
  failureCount,
  formatMb,
  formatMs,
  formatRate,
  formatRatio,
  formatRatioSpread,
  formatSpread,
  NODE_HTTP_TARGET,
  type BenchReport,
  type BenchTarget,
  type Spread,
} from '@rosetta/bench';
import type { ComponentChildren } from 'preact';
import { atLeast, atMost, Chip, Chips, single } from './chips.js';
import { Cell, HeadRow, Missing, Section, TableWrap, when } from './parts.js';

type Scenario = BenchReport['scenarios'][number];
type Result = BenchReport['results'][number];
type Summary = BenchReport['summaries'][number];

/** Every scenario's figures and ratios, then cold start and memory, with how the run was made. */
export function BenchmarkSection({ bench }: { bench: BenchReport | undefined }) {
  if (!bench) {
    return (
      <Section id="benchmark" title="Benchmark">
        <Missing what="Not measured yet" command="npm run bench" />
        <p>
          The benchmark measures every starter under the same load, against three references
          (sql-limit, the fewest SQL statements through <code>pg</code> on plain{' '}
          <code>node:http</code>; the same domain on plain <code>node:http</code>; each framework’s
          bare hello-world), and writes <code>reports/bench.json</code>; <code>npm run report</code>{' '}
          then puts it here.
        </p>
      </Section>
    );
  }
  return (
    <Section id="benchmark" title="Benchmark">
      {bench.kind === 'smoke' ? (
        <p class="warning" data-bench-kind="smoke">
          <strong>Smoke run, not a measurement</strong> ({bench.smokeReasons.join('; ')}): it proves
          every target serves every scenario correctly under load. Run <code>npm run bench</code>{' '}
          for figures.
        </p>
      ) : (
        <p class="info" data-bench-kind="measurement">
          A measurement: medians over rounds, with their range.
        </p>
      )}
      <div class="caveats" role="note" aria-label="How far to trust these figures">
        <p>
          <strong>Read the ratios, not the absolute figures.</strong>
        </p>
        <ul>
          {bench.caveats.map((c) => (
            <li>{c}</li>
          ))}
        </ul>
      </div>
      <p>
        Three references run in the same run as the starters, each bench-only:{' '}
        <strong>sql-limit</strong>, plain <code>node:http</code> answering each database scenario
        with the fewest SQL statements the contract needs, prepared, through <code>pg</code> with
        the same token check and validation, no ORM (the machine’s limit for the work);{' '}
        <strong>the domain on node:http</strong>, the same authentication and validation over the
        same domain the starters use, no framework; and each framework’s bare{' '}
        <strong>hello-world</strong>. <GoalsText bench={bench} />
      </p>
      <p class="legend">
        Ratios are medians of per-round ratios; hover one for its range. In a measurement a green
        border meets its goal and a red one misses it; <span class="ratio unstable">~0.50×</span>{' '}
        moved more than ±10% between rounds and is only an indication. Bars show the median, the
        whisker the min–max over rounds.
      </p>
      <Parameters bench={bench} />
      {bench.scenarios.map((scenario) => (
        <ScenarioSection bench={bench} scenario={scenario} />
      ))}
      <StartupSection bench={bench} />
      {bench.problems.length > 0 && (
        <>
          <h3>Problems</h3>
          <ul class="problems">
            {bench.problems.map((x) => (
              <li>{x}</li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

function Parameters({ bench }: { bench: BenchReport }) {
  const p = bench.parameters;
  const m = bench.machine;
  return (
    <details class="parameters">
      <summary>How this run was made</summary>
      <dl>
        <dt>Run</dt>
        <dd>
          {when(bench.startedAt)} to {when(bench.finishedAt)}
        </dd>
        <dt>Load</dt>
        <dd>
          autocannon, {p.connections} connections, pipelining {p.pipelining}, {p.durationSeconds} s
          per target, scenario and round; {p.warmupSeconds} s warm-up each, discarded
        </dd>
        <dt>Rounds</dt>
        <dd>
          {p.rounds}, target order reversed every other round; ratios computed within each round
        </dd>
        <dt>Pinning</dt>
        <dd>
          {p.pinned
            ? `servers on core ${p.serverCore}, load generator on core ${p.loadCore} (taskset)`
            : 'none'}
        </dd>
        <dt>Database</dt>
        <dd>
          {p.database}, a fresh database per target, seeded through its API with {p.seedTasks} tasks
        </dd>
        <dt>Servers</dt>
        <dd>
          as in production: <code>node dist/server.js</code>, NODE_ENV=production, LOG_LEVEL{' '}
          {p.logLevel}, output to a file
        </dd>
        <dt>Machine</dt>
        <dd>
          {m.cpus} × {m.cpuModel}, {m.memoryGb} GB, Node {m.node}, {m.platform}, load average{' '}
          {m.loadAverage} at start
        </dd>
      </dl>
    </details>
  );
}

function ScenarioSection({ bench, scenario }: { bench: BenchReport; scenario: Scenario }) {
  const results = bench.results.filter((r) => r.scenario === scenario.id);
  if (results.length === 0) return null;
  const max = Math.max(...results.map((r) => r.figures.rps?.max ?? 0));
  // sql-limit is measured on the database scenarios only, so only they have its column.
  const sql = scenario.database;
  const columns = [
    'Target',
    'req/s',
    ...(sql ? ['× sql-limit'] : []),
    '× node:http',
    '× hello-world',
    'p50 ms',
    'p99 ms',
    'Errors',
    'Peak RSS MB',
  ];
  return (
    <section class="scenario" aria-labelledby={`scenario-${scenario.id}`}>
      <h3 id={`scenario-${scenario.id}`}>
        <code>{scenario.request}</code>
      </h3>
      <p>
        {scenario.description}. Every response checked: status {scenario.status} and body.
      </p>
      <div class="bars" role="list" aria-label={`Requests per second, ${scenario.request}`}>
        {results.map((r) => (
          <Bar
            target={targetOf(bench, r.target)}
            value={r.figures.rps}
            max={max}
            text={`${r.figures.rps ? formatRate(r.figures.rps.median) : '–'} req/s`}
          >
            <RateChips bench={bench} scenario={scenario} result={r} />
          </Bar>
        ))}
      </div>
      <TableWrap>
        <table class="bench-table">
          <caption>
            {scenario.request}: medians over {bench.parameters.rounds} round(s) [min–max]
          </caption>
          <thead>
            <HeadRow columns={columns} />
          </thead>
          <tbody>
            {results.map((r) => (
              <tr data-target={r.target}>
                <th scope="row">{labelOf(bench, r.target)}</th>
                <Cell label="req/s">{formatSpread(r.figures.rps, formatRate)}</Cell>
                {sql && (
                  <Cell label="× sql-limit">{formatRatioSpread(r.ratios.sqlLimit?.rps)}</Cell>
                )}
                <Cell label="× node:http">{formatRatioSpread(r.ratios.limit?.rps)}</Cell>
                <Cell label="× hello-world">{formatRatioSpread(r.ratios.framework?.rps)}</Cell>
                <Cell label="p50 ms">{formatSpread(r.figures.latencyP50Ms, formatMs)}</Cell>
                <Cell label="p99 ms">{formatSpread(r.figures.latencyP99Ms, formatMs)}</Cell>
                <Cell label="Errors" fail={failureCount(r.failures) > 0}>
                  {failureCount(r.failures)}
                </Cell>
                <Cell label="Peak RSS MB">{formatSpread(r.figures.rssPeakMb, formatMb)}</Cell>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

/** A target's request rate as ratios: to sql-limit, to the domain on node:http, to its hello-world. */
function RateChips({
  bench,
  scenario,
  result: r,
}: {
  bench: BenchReport;
  scenario: Scenario;
  result: Result;
}) {
  const g = bench.goals;
  const what = scenario.request;
  return (
    <Chips>
      {[
        r.ratios.sqlLimit?.rps && (
          <Chip
            ratio={r.ratios.sqlLimit.rps}
            suffix="× sql-limit"
            what={what}
            goal={r.target === NODE_HTTP_TARGET ? atLeast(g.nodeHttpVsSqlLimit) : undefined}
            bench={bench}
          />
        ),
        r.ratios.limit?.rps && (
          <Chip
            ratio={r.ratios.limit.rps}
            suffix="× node:http"
            what={what}
            goal={scenario.database ? atLeast(g.databaseVsLimit) : undefined}
            bench={bench}
          />
        ),
        r.ratios.framework?.rps && (
          <Chip
            ratio={r.ratios.framework.rps}
            suffix="× hello-world"
            what={what}
            goal={atLeast(g.healthVsFramework)}
            bench={bench}
          />
        ),
      ]}
    </Chips>
  );
}

function StartupSection({ bench }: { bench: BenchReport }) {
  const coldMax = Math.max(...bench.summaries.map((s) => s.coldStartMs?.max ?? 0));
  const rssMax = Math.max(...bench.summaries.map((s) => s.peakRssMb ?? 0));
  return (
    <section class="scenario" aria-labelledby="scenario-startup">
      <h3 id="scenario-startup">Cold start and memory</h3>
      <p>
        Cold start: a new process on the seeded database, from spawn to the first correct 200 on{' '}
        <code>/health/ready</code> (hello-worlds: <code>/health</code>), polled every 5 ms. Peak
        RSS: the highest <code>VmRSS</code> sampled during load.
      </p>
      <h4>Cold start</h4>
      <div class="bars" role="list" aria-label="Cold start in milliseconds">
        {bench.summaries.map((s) => (
          <Bar
            target={targetOf(bench, s.target)}
            value={s.coldStartMs}
            max={coldMax}
            text={s.coldStartMs ? `${formatMs(s.coldStartMs.median)} ms` : '–'}
          >
            <Chips>
              {[
                s.coldStartRatios.limit && (
                  <Chip
                    ratio={s.coldStartRatios.limit}
                    suffix="× node:http"
                    what="cold start"
                    goal={undefined}
                    bench={bench}
                  />
                ),
                s.coldStartRatios.framework && (
                  <Chip
                    ratio={s.coldStartRatios.framework}
                    suffix="× hello-world"
                    what="cold start"
                    goal={atMost(bench.goals.coldStartVsFrameworkMax)}
                    bench={bench}
                  />
                ),
              ]}
            </Chips>
          </Bar>
        ))}
      </div>
      <h4>Peak RSS</h4>
      <div class="bars" role="list" aria-label="Peak RSS in megabytes">
        {bench.summaries.map((s) => (
          <RssBar bench={bench} summary={s} max={rssMax} />
        ))}
      </div>
      <TableWrap>
        <table class="bench-table">
          <caption>Cold start (medians [min–max]) and peak RSS per target</caption>
          <thead>
            <HeadRow
              columns={[
                'Target',
                'Cold start ms',
                '× node:http',
                '× hello-world',
                'Peak RSS MB',
                '× node:http',
                '× hello-world',
              ]}
            />
          </thead>
          <tbody>
            {bench.summaries.map((s) => (
              <tr data-target={s.target}>
                <th scope="row">{labelOf(bench, s.target)}</th>
                <Cell label="Cold start ms">{formatSpread(s.coldStartMs, formatMs)}</Cell>
                <Cell label="× node:http">{formatRatioSpread(s.coldStartRatios.limit)}</Cell>
                <Cell label="× hello-world">{formatRatioSpread(s.coldStartRatios.framework)}</Cell>
                <Cell label="Peak RSS MB">
                  {s.peakRssMb === undefined ? '–' : formatMb(s.peakRssMb)}
                </Cell>
                <Cell label="RSS × node:http">
                  {s.peakRssRatios.limit === undefined ? '–' : formatRatio(s.peakRssRatios.limit)}
                </Cell>
                <Cell label="RSS × hello-world">
                  {s.peakRssRatios.framework === undefined
                    ? '–'
                    : formatRatio(s.peakRssRatios.framework)}
                </Cell>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

function RssBar({ bench, summary: s, max }: { bench: BenchReport; summary: Summary; max: number }) {
  const value = single(s.peakRssMb);
  const limit = single(s.peakRssRatios.limit);
  const framework = single(s.peakRssRatios.framework);
  return (
    <Bar
      target={targetOf(bench, s.target)}
      value={value}
      max={max}
      text={value ? `${formatMb(value.median)} MB` : '–'}
    >
      <Chips>
        {[
          limit && (
            <Chip
              ratio={limit}
              suffix="× node:http"
              what="peak RSS"
              goal={undefined}
              bench={bench}
            />
          ),
          framework && (
            <Chip
              ratio={framework}
              suffix="× hello-world"
              what="peak RSS"
              goal={atMost(bench.goals.peakRssVsFrameworkMax)}
              bench={bench}
            />
          ),
        ]}
      </Chips>
    </Bar>
  );
}

/** The goals, in words; those a report from before they were set lacks are left out. */
function GoalsText({ bench }: { bench: BenchReport }) {
  const g = bench.goals;
  const goals = [
    g.nodeHttpVsSqlLimit !== undefined && (
      <>
        the domain on node:http at least {g.nodeHttpVsSqlLimit}× sql-limit on every database route
      </>
    ),
    <>every starter at least {g.databaseVsLimit}× node:http on the database routes</>,
    <>
      <code>GET /health</code> at least {g.healthVsFramework}× the framework’s hello-world
    </>,
    g.peakRssVsFrameworkMax !== undefined && (
      <>peak RSS at most {g.peakRssVsFrameworkMax}× the hello-world’s</>
    ),
    g.coldStartVsFrameworkMax !== undefined && (
      <>cold start at most {g.coldStartVsFrameworkMax}× the hello-world’s</>
    ),
  ].filter(Boolean);
  return (
    <>
      The goals:{' '}
      {goals.map((goal, i) => (
        <>
          {i > 0 && '; '}
          {goal}
        </>
      ))}
      .
    </>
  );
}

/** One horizontal bar: the median, with a whisker over min–max; the width is relative to `max`. */
function Bar({
  target,
  value,
  max,
  text,
  children,
}: {
  target: BenchTarget;
  value: Spread | undefined;
  max: number;
  text: string;
  children: ComponentChildren;
}) {
  const pct = (v: number) => (max > 0 ? Math.max(0, Math.min(100, (v / max) * 100)) : 0);
  const fill = value ? pct(value.median) : 0;
  return (
    <div class={`bar-row kind-${target.kind}`} role="listitem" data-target={target.name}>
      <span class="bar-label">{target.label}</span>
      <span class="bar-track" aria-hidden="true">
        <span class="bar-fill" style={`width:${fill.toFixed(1)}%`}></span>
        {value && value.n > 1 && value.max > value.min && (
          <span
            class="whisker"
            style={`left:${pct(value.min).toFixed(1)}%;width:${(pct(value.max) - pct(value.min)).toFixed(1)}%`}
          ></span>
        )}
      </span>
      <span class="bar-value">
        {text} {children}
      </span>
    </div>
  );
}

function targetOf(bench: BenchReport, name: string): BenchTarget {
  return bench.targets.find((t) => t.name === name)!;
}

function labelOf(bench: BenchReport, name: string): string {
  return bench.targets.find((t) => t.name === name)?.label ?? name;
}
