import type { Figure } from '@rosetta/conformance-tests/figures';
import type { TargetReport } from '@rosetta/conformance-tests/results';
import { reliabilityGroups, type ReliabilityGroup } from '../model.js';
import { HeadRow, Missing, None, Section, StatusMark, TableWrap } from './parts.js';

/** Each reliability group: its tests per target, and the figures each run measured. */
export function ReliabilitySection({ reports }: { reports: readonly TargetReport[] }) {
  const groups = reliabilityGroups(reports);
  if (groups.length === 0) {
    return (
      <Section id="reliability" title="Reliability">
        <Missing what="No reliability results yet" command="npm start" />
      </Section>
    );
  }
  const columns = reports.map((r) => r.target);
  return (
    <Section id="reliability" title="Reliability">
      <p>
        What each starter does under hostile input, a database outage, SIGTERM mid-request,
        sustained load, two instances behind a proxy and slow clients: the reliability groups of the
        suite, with what each measured. <code>npm test</code> runs them in the quick profile;{' '}
        <code>npm run test:reliability</code> at full length. A fuzzing run replays with{' '}
        <code>--seed</code>.
      </p>
      <TableWrap>
        <table class="matrix">
          <thead>
            <HeadRow first="run" columns={columns} />
          </thead>
          <tbody>
            <tr>
              <th scope="row">profile</th>
              {reports.map((r) => (
                <td>
                  {r.reliability?.profile ?? '–'}
                  {r.reliability && (
                    <>
                      {' '}
                      <None text={`seed ${r.reliability.seed}`} />
                    </>
                  )}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </TableWrap>
      {groups.map((group) => (
        <GroupTable group={group} columns={columns} />
      ))}
    </Section>
  );
}

function GroupTable({ group, columns }: { group: ReliabilityGroup; columns: string[] }) {
  return (
    <TableWrap data-group={group.name}>
      <table class="matrix figures">
        <caption>
          <strong>{group.name}</strong> · <code>test/reliability/{group.name}.test.ts</code>
        </caption>
        <thead>
          <HeadRow first="figure" columns={columns} />
        </thead>
        <tbody>
          <tr>
            <th scope="row">tests</th>
            {group.tests.map((t) => {
              const total = t.passed + t.failed + t.na;
              if (total === 0) return <td class="none">–</td>;
              if (t.failed > 0) return <td class="fail">{`✗ ${t.failed} of ${total} failed`}</td>;
              if (t.passed === 0) return <td class="na">n/a</td>;
              return <td class="pass">{`✓ ${t.passed}/${total}`}</td>;
            })}
          </tr>
          {group.figures.map((figure) => (
            <tr>
              <th scope="row">
                <code>{figure.name}</code>
              </th>
              {figure.values.map((v) => (
                <td>
                  <FigureValue value={v} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** A figure for people: grouped digits, at most two decimals, records as `key: value` lines. */
function FigureValue({ value }: { value: Figure | undefined }) {
  if (value === undefined) return <None />;
  if (typeof value === 'boolean') return <StatusMark ok={value} />;
  if (typeof value === 'number') return <>{formatNumber(value)}</>;
  if (typeof value === 'string') return <>{value}</>;
  const entries = Object.entries(value);
  if (entries.length === 0) return <None text="none" />;
  return (
    <>
      {entries.map(([key, n], i) => (
        <>
          {i > 0 && <br />}
          {`${key}: ${formatNumber(n)}`}
        </>
      ))}
    </>
  );
}

function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
