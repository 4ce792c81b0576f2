import type { ReportInputs, ViewerData } from '../model.js';
import { Section, TableWrap } from './parts.js';

/** Lines of code per concern and framework, each concern linking to its code side by side. */
export function LocSection({ inputs, viewer }: { inputs: ReportInputs; viewer: ViewerData }) {
  const frameworks = viewer.frameworks;
  if (frameworks.length === 0) {
    return (
      <Section id="loc" title="Lines of code per concern">
        <p class="missing">No starter sources found.</p>
      </Section>
    );
  }
  const left = frameworks[0]!;
  const right = frameworks[1] ?? left;
  const total = (filter: (id: string) => boolean) =>
    frameworks.map((f) =>
      viewer.concerns
        .filter((c) => filter(c.id))
        .reduce((sum, c) => sum + (viewer.loc[c.id]?.[f.name] ?? 0), 0),
    );
  const warnings = inputs.loc.flatMap((l) => l.warnings);
  return (
    <Section id="loc" title="Lines of code per concern">
      <p>
        Non-blank, non-comment lines of each starter’s <code>src/</code> and <code>test/</code>, by
        concern. Which files implement which concern is set in{' '}
        <code>packages/report/concerns.json</code>; a line belongs to exactly one concern. Click a
        concern to read its code.
      </p>
      <TableWrap>
        <table class="loc">
          <caption>Lines of code per concern and framework</caption>
          <thead>
            <tr>
              <th scope="col">Concern</th>
              {frameworks.map((f) => (
                <th scope="col">{f.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {viewer.concerns.map((concern) => {
              const values = frameworks.map((f) => viewer.loc[concern.id]?.[f.name] ?? 0);
              const max = Math.max(1, ...values);
              return (
                <tr data-concern={concern.id}>
                  <th scope="row">
                    <a
                      href={`#code/${concern.id}/${left.name}/${right.name}`}
                      data-concern-link={concern.id}
                    >
                      {concern.title}
                    </a>
                  </th>
                  {values.map((n, i) => (
                    <td data-label={frameworks[i]!.label}>
                      <span class="v">
                        <span
                          class="loc-bar"
                          aria-hidden="true"
                          style={`width:${((n / max) * 100).toFixed(0)}%`}
                        ></span>
                        <span class="loc-n">{n}</span>
                      </span>
                    </td>
                  ))}
                </tr>
              );
            })}
            <TotalRow
              title="Source (all but tests)"
              values={total((id) => id !== 'tests')}
              labels={frameworks.map((f) => f.label)}
            />
            <TotalRow
              title="Total"
              values={total(() => true)}
              labels={frameworks.map((f) => f.label)}
            />
          </tbody>
        </table>
      </TableWrap>
      {warnings.length > 0 && (
        <details>
          <summary>{warnings.length} note(s) on concerns.json</summary>
          <ul>
            {warnings.map((w) => (
              <li>{w}</li>
            ))}
          </ul>
        </details>
      )}
    </Section>
  );
}

function TotalRow({
  title,
  values,
  labels,
}: {
  title: string;
  values: number[];
  labels: string[];
}) {
  return (
    <tr class="total">
      <th scope="row">{title}</th>
      {values.map((n, i) => (
        <td data-label={labels[i]!}>
          <span class="v">
            <span class="loc-n">{n}</span>
          </span>
        </td>
      ))}
    </tr>
  );
}
