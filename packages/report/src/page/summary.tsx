import { formatMb, formatMs, type BenchReport, type Spread } from '@rosetta/bench';
import {
  domainVsSqlLimit,
  summaryRows,
  variantComparisons,
  type ReportInputs,
  type SummaryRow,
} from '../model.js';
import { atLeast, atMost, Chip, DatabaseChips, type Goal, single } from './chips.js';
import { Cell, Missing, None, Section, StatusMark, TableWrap } from './parts.js';

const COLUMNS: [string, string | undefined][] = [
  ['Framework', undefined],
  ['Conformance', 'tests, contract pairs'],
  ['GET /health', 'vs hello-world'],
  ['Database routes', 'vs node:http'],
  ['Database routes', 'vs sql-limit'],
  ['Telemetry on', 'vs off'],
  ['Cold start', 'vs hello-world'],
  ['Peak RSS', 'vs hello-world'],
  ['Lines of code', undefined],
];

/** Each framework at a glance: conformance, the headline ratios, memory, start-up, lines of code. */
export function SummarySection({ inputs }: { inputs: ReportInputs }) {
  const bench = inputs.bench;
  return (
    <Section id="summary" title="Summary">
      <p>
        Does each framework honour the contract, how fast and how heavy is it on the same work, and
        how much code does it take? Ratios are medians of per-round ratios from one benchmark run:
        “vs hello-world” is the starter’s <code>GET /health</code>, cold start and peak RSS against
        its framework’s bare hello-world (what logging, validation, auth and headers cost); “vs
        node:http” is each database-backed scenario (list, create, read) against the same domain on
        a plain <code>node:http</code> adapter (what the framework costs); “vs sql-limit” is the
        same against the fewest SQL statements through <code>pg</code> on <code>node:http</code>, no
        ORM and no framework (the machine’s limit for the work); “telemetry on vs off” is the
        starter with <code>/metrics</code> on and every request traced and exported over OTLP,
        against itself with both off (the default).
      </p>
      {!bench && <Missing what="Performance not measured yet" command="npm run bench" />}
      {bench?.kind === 'smoke' && (
        <p class="warning">
          The benchmark figures come from a smoke run: they show every target works under load, not
          how fast it is.
        </p>
      )}
      {bench && <DomainNote bench={bench} />}
      <TableWrap>
        <table class="summary cards">
          <caption>Each framework at a glance</caption>
          <thead>
            <tr>
              {COLUMNS.map(([title, small]) => (
                <th scope="col">
                  {title}
                  {small && (
                    <>
                      {' '}
                      <small>{small}</small>
                    </>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {summaryRows(inputs).map((row) => (
              <SummaryLine row={row} bench={bench} />
            ))}
          </tbody>
        </table>
      </TableWrap>
      {bench && <VariantNotes bench={bench} />}
    </Section>
  );
}

function SummaryLine({ row, bench }: { row: SummaryRow; bench: BenchReport | undefined }) {
  const g = bench?.goals;
  const versus = (ratio: Spread | undefined, what: string, goal: Goal | undefined) =>
    ratio && (
      <>
        {' '}
        <Chip ratio={ratio} suffix="× hello" what={what} goal={goal} bench={bench} />
      </>
    );
  const c = row.conformance;
  return (
    <tr data-target={row.name}>
      <th scope="row">{row.label}</th>
      <Cell label="Conformance">
        {c ? (
          <>
            <StatusMark ok={c.failed === 0} /> {c.passed}/{c.passed + c.failed + c.na} tests
          </>
        ) : (
          <None text="not run" />
        )}
        <br />
        {c ? `${c.covered}/${c.total} pairs` : <None />}
      </Cell>
      <Cell label="GET /health vs hello-world">
        {row.healthVsFramework ? (
          <Chip
            ratio={row.healthVsFramework}
            suffix="×"
            what="GET /health"
            goal={atLeast(g?.healthVsFramework)}
            bench={bench}
          />
        ) : (
          <None />
        )}
      </Cell>
      <Cell label="Database routes vs node:http">
        <DatabaseChips
          ratios={row.databaseVsLimit}
          goal={atLeast(g?.databaseVsLimit)}
          bench={bench}
        />
      </Cell>
      <Cell label="Database routes vs sql-limit">
        <DatabaseChips ratios={row.databaseVsSqlLimit} goal={undefined} bench={bench} />
      </Cell>
      <Cell label="Telemetry on vs off">
        <DatabaseChips ratios={row.telemetryVsOff} goal={undefined} bench={bench} />
      </Cell>
      <Cell label="Cold start">
        {row.coldStartMs ? (
          <>
            {formatMs(row.coldStartMs.median)} ms
            {versus(row.coldStartVsFramework, 'cold start', atMost(g?.coldStartVsFrameworkMax))}
          </>
        ) : (
          <None />
        )}
      </Cell>
      <Cell label="Peak RSS">
        {row.peakRssMb !== undefined ? (
          <>
            {formatMb(row.peakRssMb)} MB
            {versus(single(row.peakRssVsFramework), 'peak RSS', atMost(g?.peakRssVsFrameworkMax))}
          </>
        ) : (
          <None />
        )}
      </Cell>
      <Cell label="Lines of code">
        {row.locSource === undefined ? (
          '–'
        ) : (
          <>
            {row.locSource} src
            <br />
            {row.locTests ?? 0} tests
          </>
        )}
      </Cell>
    </tr>
  );
}

/** One line per variant: what running the starter that way changes, request rate and memory. */
function VariantNotes({ bench }: { bench: BenchReport }) {
  return (
    <>
      {variantComparisons(bench).map((v) => (
        <p class="variant" data-variant={v.name}>
          {v.label} against {v.starterLabel}, requests per second (medians):{' '}
          {v.requests.map((r, i) => (
            <>
              {i > 0 && ', '}
              <code>{r.request}</code> {r.ratio.toFixed(2)}×
            </>
          ))}
          {v.rssDeltaMb !== undefined &&
            `; peak RSS ${v.rssDeltaMb >= 0 ? '+' : '−'}${formatMb(Math.abs(v.rssDeltaMb))} MB`}
          .
        </p>
      ))}
    </>
  );
}

/** The domain's own cost, which every starter inherits: the domain on node:http against sql-limit. */
function DomainNote({ bench }: { bench: BenchReport }) {
  const ratios = domainVsSqlLimit(bench);
  if (ratios.length === 0) return null;
  const goal = atLeast(bench.goals.nodeHttpVsSqlLimit);
  return (
    <p class="domain-cost" data-reference="node-http">
      The domain on plain <code>node:http</code>, which every starter builds on, against sql-limit:{' '}
      <DatabaseChips ratios={ratios} goal={goal} bench={bench} />
      {goal && ` (goal ≥ ${bench.goals.nodeHttpVsSqlLimit}×)`}.
    </p>
  );
}
