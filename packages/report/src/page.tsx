import { renderToString } from 'preact-render-to-string';
import { initViewer } from './client/viewer.js';
import { viewerData, type ReportInputs } from './model.js';
import { BenchmarkSection } from './page/benchmark.js';
import { CodeSection } from './page/code.js';
import { ConformanceSection } from './page/conformance.js';
import { LocSection } from './page/loc.js';
import { when } from './page/parts.js';
import { ReliabilitySection } from './page/reliability.js';
import { SummarySection } from './page/summary.js';
import { pageCss } from './styles.js';

/**
 * The whole report: one self-contained page, inline CSS, script and data, no network. Each section
 * is a component in page/; preact-render-to-string escapes every value they put in text or
 * attributes, so no section has to remember to.
 */
export function renderPage(inputs: ReportInputs, themes: { light: string; dark: string }): string {
  return `<!doctype html>\n${renderToString(<Page inputs={inputs} themes={themes} />)}\n`;
}

const SECTIONS = [
  ['summary', 'Summary'],
  ['conformance', 'Conformance'],
  ['reliability', 'Reliability'],
  ['benchmark', 'Benchmark'],
  ['loc', 'Lines of code'],
  ['code', 'Code side by side'],
] as const;

function Page({
  inputs,
  themes,
}: {
  inputs: ReportInputs;
  themes: { light: string; dark: string };
}) {
  const viewer = viewerData(inputs);
  const css = `${pageCss}\n${themes.light}\n@media (prefers-color-scheme: dark) {\n${themes.dark}\n}\n`;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>Rosetta: the frameworks compared</title>
        {/* Trusted text of our own (the stylesheet, highlight.js's themes), not data. */}
        <style dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <header class="page-header">
          <h1>Rosetta: the frameworks compared</h1>
          <p>
            One API contract, implemented in each framework. Generated {when(inputs.generatedAt)}.
          </p>
          <nav aria-label="Sections">
            <ul>
              {SECTIONS.map(([id, title]) => (
                <li>
                  <a href={`#${id}`}>{title}</a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main>
          <SummarySection inputs={inputs} />
          <ConformanceSection inputs={inputs} />
          <ReliabilitySection reports={inputs.conformance} />
          <BenchmarkSection bench={inputs.bench} />
          <LocSection inputs={inputs} viewer={viewer} />
          <CodeSection viewer={viewer} />
        </main>
        <footer>
          <p>
            Made by <code>npm run report</code> from <InputSources inputs={inputs} />.
          </p>
          {inputs.inputProblems.length > 0 && (
            <ul class="problems">
              {inputs.inputProblems.map((p) => (
                <li>{p}</li>
              ))}
            </ul>
          )}
        </footer>
        <script
          type="application/json"
          id="viewer-data"
          dangerouslySetInnerHTML={{ __html: scriptJson(viewer) }}
        />
        <script dangerouslySetInnerHTML={{ __html: `(${initViewer.toString()})();` }} />
      </body>
    </html>
  );
}

function InputSources({ inputs }: { inputs: ReportInputs }) {
  return (
    <>
      {inputs.conformance.length > 0 ? (
        <>
          <code>reports/conformance/*.json</code> (
          {inputs.conformance.map((r) => `${r.target} ${when(r.startedAt)}`).join(', ')})
        </>
      ) : (
        'no conformance results'
      )}
      ,{' '}
      {inputs.bench ? (
        <>
          <code>reports/bench.json</code> ({when(inputs.bench.startedAt)})
        </>
      ) : (
        'no benchmark results'
      )}
      , <code>packages/report/concerns.json</code> and the starters’ sources
    </>
  );
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
}
