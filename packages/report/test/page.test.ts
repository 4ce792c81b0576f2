import { describe, expect, it } from 'vitest';
import { renderPage } from '../src/page.js';
import { benchReport, conformanceReport, inputs, withVariant } from './support/fixtures.js';

const themes = { light: '.hljs{color:black}', dark: '.hljs{color:white}' };

describe('renderPage', () => {
  const page = renderPage(inputs(), themes);

  it('is one page with the six sections, each under a heading', () => {
    expect(page).toMatch(/^<!doctype html>/);
    for (const id of ['summary', 'conformance', 'reliability', 'benchmark', 'loc', 'code']) {
      expect(page).toContain(`<section id="${id}" aria-labelledby="${id}-title">`);
      expect(page).toMatch(new RegExp(`<h2 id="${id}-title">`));
    }
  });

  it('loads nothing: no external script, style, font or image', () => {
    expect(page).not.toMatch(/<(?:link|img|iframe)\b/);
    expect(page).not.toMatch(/\b(?:src|href)="(?:https?:)?\/\//);
    expect(page).not.toMatch(/url\(/);
  });

  it('escapes names from the results', () => {
    // The renderer escapes every `<` and `&` in text: no name can open an element.
    expect(page).toContain('returns 404 for &lt;script>');
    expect(page).not.toContain('returns 404 for <script>');
  });

  it('embeds the viewer data so that code cannot close the script element', () => {
    const json = /<script type="application\/json" id="viewer-data">(.*?)<\/script>/s.exec(
      page,
    )![1]!;
    expect(json).not.toContain('</script');
    const data = JSON.parse(json);
    expect(data.files['express:src/http/tasks.routes.ts'][0]).toContain('</script><script>');
  });

  it('shows the benchmark with the three references, ratios and their ranges', () => {
    expect(page).toContain('sql-limit (pg, no ORM)');
    expect(page).toContain('the domain on node:http');
    expect(page).toContain('Express 5, hello-world');
    expect(page).toContain('0.70 [0.68–0.74]');
    expect(page).toMatch(/data-bench-kind="measurement"/);
    expect(page).toContain('This machine has 2 cores: compare the ratios.');
  });

  it('marks ratios under their goal in a measurement', () => {
    expect(page).toMatch(/class="ratio below-goal"[^>]*>0\.70× hello-world/);
    expect(page).toMatch(/class="ratio meets-goal"[^>]*>0\.95× node:http/);
  });

  it('gives the database scenarios a column of ratios to sql-limit, and GET /health none', () => {
    const table = (id: string) =>
      new RegExp(`<h3 id="scenario-${id}">[\\s\\S]*?</table>`).exec(page)![0];
    expect(table('health')).not.toContain('sql-limit</th>');
    const task = table('get-task');
    expect(task).toContain('<th scope="col">× sql-limit</th>');
    expect(task).toMatch(
      /<tr data-target="node-http">[\s\S]*?data-label="× sql-limit"><span class="v">0\.44 \[0\.42–0\.46\]/,
    );
    expect(task).toMatch(
      /<tr data-target="express">[\s\S]*?data-label="× sql-limit"><span class="v">0\.42 \[0\.41–0\.43\][\s\S]*?data-label="× node:http"><span class="v">0\.95/,
    );
  });

  it('judges the domain on node:http against sql-limit, and no starter', () => {
    expect(page).toMatch(/class="ratio below-goal"[^>]*>0\.44× sql-limit/);
    expect(page).toMatch(/class="ratio" title="[^"]*">0\.42× sql-limit/);
    expect(page).toMatch(
      /<p class="domain-cost" data-reference="node-http">[^\n]*read 0\.44×<\/span> \(goal ≥ 0\.6×\)/,
    );
  });

  it('puts every starter’s ratios to sql-limit and to its hello-world in the summary', () => {
    const row = /<tr data-target="express">[\s\S]*?<\/tr>/.exec(
      page.slice(page.indexOf('id="summary"')),
    )![0];
    expect(row).toMatch(
      /data-label="Database routes vs sql-limit"><span class="v"><span class="ratio"[^>]*>read 0\.42×/,
    );
    expect(row).toMatch(
      /520 ms <span class="ratio below-goal" title="cold start[^"]*goal ≤ 2">4\.00× hello/,
    );
    expect(row).toMatch(
      /180 MB <span class="ratio below-goal" title="peak RSS[^"]*goal ≤ 1\.6">2\.00× hello/,
    );
  });

  it('judges memory and start-up against a ceiling', () => {
    const bench = benchReport();
    bench.summaries[2]!.peakRssRatios.framework = 1.5;
    const html = renderPage(inputs({ bench }), themes);
    expect(html).toMatch(/class="ratio meets-goal" title="peak RSS[^"]*">1\.50× hello/);
    expect(html).toMatch(
      /data-target="express"[\s\S]*?data-label="RSS × hello-world"><span class="v">1\.50</,
    );
  });

  it('says what a variant changes against its starter', () => {
    const bench = withVariant(benchReport(), 15_000, 170);
    expect(renderPage(inputs({ bench }), themes)).toContain(
      '<p class="variant" data-variant="express-turbo">Express 5 (turbo) against Express 5, requests ' +
        'per second (medians): <code>GET /health</code> 1.25×; peak RSS −10 MB.</p>',
    );
  });

  it('states every goal', () => {
    expect(page).toContain(
      'The goals: the domain on node:http at least 0.6× sql-limit on every database route; every ' +
        'starter at least 0.9× node:http on the database routes; <code>GET /health</code> at least ' +
        '0.8× the framework’s hello-world; peak RSS at most 1.6× the hello-world’s; cold start at ' +
        'most 2× the hello-world’s.',
    );
  });

  it('judges no ratio that moved too much between rounds, and marks it', () => {
    const bench = benchReport();
    bench.results[1]!.ratios.framework = { rps: { median: 0.5, min: 0.3, max: 0.7, n: 3 } };
    const html = renderPage(inputs({ bench }), themes);
    expect(html).toMatch(
      /class="ratio unstable" title="[^"]*moved more than ±10%[^"]*">~0\.50× hello-world/,
    );
    expect(html).toContain('~0.50 [0.30–0.70]');
  });

  it('labels a smoke run as such, and judges none of its ratios', () => {
    const smoke = renderPage(
      inputs({ bench: benchReport({ kind: 'smoke', smokeReasons: ['run with --quick'] }) }),
      themes,
    );
    expect(smoke).toContain('Smoke run, not a measurement');
    expect(smoke).not.toMatch(/class="ratio (?:below|meets)-goal"/);
  });

  it('says what to run when there are no results yet, instead of failing', () => {
    const empty = renderPage(inputs({ bench: undefined, conformance: [] }), themes);
    expect(empty).toMatch(/data-missing>Not measured yet: run <code>npm run bench<\/code>/);
    expect(empty).toMatch(/data-missing>No conformance results yet: run <code>npm start<\/code>/);
    expect(empty).toMatch(/data-missing>No reliability results yet: run <code>npm start<\/code>/);
  });

  it('shows each reliability group with its test results and figures per target', () => {
    const express = conformanceReport('express', {
      figures: { soak: { requests: 12345.678, statuses: { '200': 10, '201': 2 }, leaked: false } },
    });
    express.tests.push({
      id: 'soak',
      file: 'test/reliability/soak.test.ts',
      suites: ['soak'],
      name: 'holds',
      status: 'failed',
      durationMs: 1,
    });
    const hono = conformanceReport('hono', { reliability: { profile: 'full', seed: 99 } });
    const html = renderPage(inputs({ conformance: [express, hono] }), themes);
    const soak = /<div class="table-wrap" data-group="soak">([\s\S]*?)<\/table>/.exec(html)![1]!;
    expect(soak).toContain('<td class="fail">✗ 1 of 1 failed</td><td class="none">–</td>');
    expect(soak).toContain('<td>12,345.68</td><td><span class="none">–</span></td>');
    expect(soak).toContain('<td>200: 10<br/>201: 2</td>');
    expect(soak).toContain('<span class="fail" aria-label="fails">✗</span>');
    expect(html).toContain('<td>full <span class="none">seed 99</span></td>');
  });

  it('flags failed tests and opens their file in the matrix', () => {
    const failing = conformanceReport('hono', { summary: { passed: 2, failed: 1, 'n/a': 0 } });
    failing.tests[1] = { ...failing.tests[1]!, status: 'failed' };
    const html = renderPage(
      inputs({ conformance: [conformanceReport('express'), failing] }),
      themes,
    );
    expect(html).toMatch(
      /<details class="matrix-group" open>\s*<summary><code>test\/tasks\/get-task\.test\.ts/,
    );
    expect(html).toContain('<span class="fail" title="failed">✗</span>');
  });

  it('counts lines of code per concern and framework, with totals', () => {
    expect(page).toMatch(/<tr data-concern="bootstrap">[\s\S]*?>2<\/span>[\s\S]*?>3<\/span>/);
    expect(page).toMatch(/Source \(all but tests\)[\s\S]*?>3<\/span>[\s\S]*?>3<\/span>/);
  });

  it('has accessible tabs for concerns and frameworks', () => {
    expect(page).toContain('role="tablist" aria-label="Concern"');
    expect(page).toMatch(
      /role="tab" id="concern-tab-bootstrap" data-value="bootstrap" aria-selected="true"/,
    );
    expect(page).toMatch(/data-tabs="pane-1">.*aria-selected="true"[^>]*>Hono 4/s);
  });

  it('inlines the viewer script and both highlight themes', () => {
    expect(page).toContain('function initViewer()');
    expect(page).toContain('.hljs{color:black}');
    expect(page).toMatch(/@media \(prefers-color-scheme: dark\) \{\s*\.hljs\{color:white\}/);
  });
});
