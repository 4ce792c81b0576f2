import {
  balancerName,
  type TargetReport,
  type TestStatus,
} from '@rosetta/conformance-tests/results';
import { coverageRows, matrixGroups, type CoverageCell, type ReportInputs } from '../model.js';
import { Cell, HeadRow, Missing, Section, StatusMark, TableWrap, when } from './parts.js';

/** Per target: tests passed and failed, contract coverage; then the whole matrix, file by file. */
export function ConformanceSection({ inputs }: { inputs: ReportInputs }) {
  const reports = inputs.conformance;
  if (reports.length === 0) {
    return (
      <Section id="conformance" title="Conformance">
        <Missing what="No conformance results yet" command="npm start" />
      </Section>
    );
  }
  const columns = reports.map((r) => r.target);
  const testCount = new Set(reports.flatMap((r) => r.tests.map((t) => t.id))).size;
  const failing = reports.filter((r) => r.errors.length > 0);
  return (
    <Section id="conformance" title="Conformance">
      <p>
        The black-box suite boots each starter on a fresh database and checks every response against
        the contract: status, content type, body schema and headers, plus the behaviour schemas
        cannot express. Contract coverage counts the documented (operation, status) pairs each run
        answered and conformed to.
      </p>
      <TableWrap>
        <table class="cards">
          <caption>Results per target</caption>
          <thead>
            <HeadRow
              columns={[
                'Target',
                'Passed',
                'Failed',
                'n/a',
                'Contract coverage',
                'Database',
                'Run at',
              ]}
            />
          </thead>
          <tbody>
            {reports.map((r) => (
              <TargetLine report={r} />
            ))}
          </tbody>
        </table>
      </TableWrap>
      {failing.length > 0 && (
        <ul class="problems">
          {failing.map((r) => (
            <li>
              <strong>{r.target}</strong>: {r.errors[0]!.split('\n')[0]!}
            </li>
          ))}
        </ul>
      )}
      <h3>
        The matrix: {testCount} tests × {reports.length} targets
      </h3>
      <p class="legend">
        <span class="pass">✓</span> passed · <span class="fail">✗</span> failed ·{' '}
        <span class="na">n/a</span> cannot run against that target · <span class="none">–</span> not
        run. Files with a failure are open.
      </p>
      {matrixGroups(reports).map((group) => {
        const failed = group.failed.reduce((a, b) => a + b, 0);
        return (
          <details class="matrix-group" open={failed > 0}>
            <summary>
              <code>{group.file}</code> <span class="count">{group.rows.length} tests</span>
              {failed > 0 && (
                <>
                  {' '}
                  <span class="fail">{failed} failed</span>
                </>
              )}
            </summary>
            <TableWrap>
              <table class="matrix">
                <thead>
                  <HeadRow first="test" columns={columns} />
                </thead>
                <tbody>
                  {group.rows.map((row) => (
                    <tr>
                      <th scope="row">{row.title}</th>
                      {row.statuses.map((s) => (
                        <td>
                          <StatusCell status={s} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </details>
        );
      })}
      <details class="coverage">
        <summary>Contract coverage: how often each (operation, status) pair was answered</summary>
        <TableWrap>
          <table class="matrix">
            <thead>
              <HeadRow first="operation status" columns={columns} />
            </thead>
            <tbody>
              {coverageRows(reports).map(({ pair, cells }) => (
                <tr>
                  <th scope="row">
                    <code>{pair}</code>
                  </th>
                  {cells.map((cell) => (
                    <CoverageTd cell={cell} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </details>
    </Section>
  );
}

function TargetLine({ report: r }: { report: TargetReport }) {
  const total = r.summary.passed + r.summary.failed + r.summary['n/a'];
  return (
    <tr data-target={r.target}>
      <th scope="row">{r.target}</th>
      <Cell label="Passed">
        <StatusMark ok={r.summary.failed === 0 && r.errors.length === 0} /> {r.summary.passed}/
        {total}
      </Cell>
      <Cell label="Failed">{r.summary.failed}</Cell>
      <Cell label="n/a">{r.summary['n/a']}</Cell>
      <Cell label="Contract coverage">
        {r.coverage.covered}/{r.coverage.total}
        {r.coverage.missing.length > 0 && (
          <>
            {' '}
            <span class="fail">({r.coverage.missing.length} missing)</span>
          </>
        )}
        {r.partial && (
          <>
            {' '}
            <span class="none">(partial run)</span>
          </>
        )}
      </Cell>
      <Cell label="Database">
        {r.database.kind}
        {(r.instances ?? 1) > 1 &&
          ` (${r.instances} instances${r.balancer ? ` behind ${balancerName(r.balancer)}` : ''})`}
      </Cell>
      <Cell label="Run at">{when(r.startedAt)}</Cell>
    </tr>
  );
}

function CoverageTd({ cell }: { cell: CoverageCell }) {
  switch (cell.kind) {
    case 'covered':
      return (
        <td class="pass" title={`answered ${cell.count} times`}>
          {cell.count}
        </td>
      );
    case 'missing':
      return <td class="fail">missing</td>;
    case 'excluded':
      return (
        <td class="na" title={cell.reason}>
          n/a
        </td>
      );
    case 'unknown':
      return <td class="none">–</td>;
  }
}

export function StatusCell({ status }: { status: TestStatus | undefined }) {
  switch (status) {
    case 'passed':
      return (
        <span class="pass" title="passed">
          ✓
        </span>
      );
    case 'failed':
      return (
        <span class="fail" title="failed">
          ✗
        </span>
      );
    case 'n/a':
      return (
        <span class="na" title="cannot run against this target">
          n/a
        </span>
      );
    default:
      return (
        <span class="none" title="not run">
          –
        </span>
      );
  }
}
