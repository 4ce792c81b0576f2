/** The page's own CSS, inlined; light and dark follow the reader's system setting. */
export const pageCss = `
:root {
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa;
  --accent: #0969da; --pass: #1a7f37; --fail: #cf222e; --warn-bg: #fff8c5; --warn-line: #d4a72c;
  --bar-starter: #0969da; --bar-limit: #59636e; --bar-hello: #8250df; --whisker: #1f2328;
  --code-bg: #f6f8fa; --dim: rgba(130, 80, 223, 0.10);
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --soft: #151b23;
    --accent: #4493f8; --pass: #3fb950; --fail: #f85149; --warn-bg: #2e2a14; --warn-line: #9e6a03;
    --bar-starter: #4493f8; --bar-limit: #9198a1; --bar-hello: #ab7df8; --whisker: #e6edf3;
    --code-bg: #151b23; --dim: rgba(171, 125, 248, 0.14);
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; scroll-padding-top: 1rem; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main, .page-header, footer { max-width: 78rem; margin: 0 auto; padding: 0 1rem; }
.page-header { padding-top: 1.5rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .25rem; }
h2 { font-size: 1.4rem; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
p, li, dd { max-width: 70rem; }
a { color: var(--accent); }
code { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, monospace; font-size: .875em; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; margin: .75rem 0 0; }
footer { color: var(--muted); font-size: .875rem; margin-top: 3rem; padding-bottom: 2rem; border-top: 1px solid var(--line); }

.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: .5rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
caption { text-align: left; color: var(--muted); font-size: .875rem; padding-bottom: .25rem; }
th, td { padding: .35rem .6rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { background: var(--soft); font-weight: 600; white-space: nowrap; }
tbody th { font-weight: 600; }
td { white-space: nowrap; }
thead small { display: block; font-weight: 400; color: var(--muted); }
table.summary td { white-space: normal; }
table.summary td .ratio { margin: 0 .15rem .15rem 0; }
tr.total th, tr.total td { font-weight: 700; border-top: 2px solid var(--line); }

.pass { color: var(--pass); font-weight: 600; }
.fail { color: var(--fail); font-weight: 600; }
.na, .none { color: var(--muted); }
.ratio { display: inline-block; padding: 0 .35rem; border-radius: .75rem; background: var(--soft); border: 1px solid var(--line); font-size: .8125rem; white-space: nowrap; }
.ratio.meets-goal { border-color: var(--pass); }
.ratio.below-goal { border-color: var(--fail); color: var(--fail); }
.ratio.unstable { border-style: dashed; color: var(--muted); }
.missing, .warning, .info, .caveats {
  padding: .75rem 1rem; border-radius: .375rem; border: 1px solid var(--line); background: var(--soft);
}
.missing { border-style: dashed; }
.warning { background: var(--warn-bg); border-color: var(--warn-line); }
.caveats { border-left: 4px solid var(--warn-line); }
.caveats p { margin: 0 0 .25rem; }
.caveats ul { margin: 0; padding-left: 1.25rem; }
.problems li { color: var(--fail); }
.legend { color: var(--muted); font-size: .875rem; }

details { margin: .5rem 0; }
summary { cursor: pointer; padding: .25rem 0; }
summary .count { color: var(--muted); font-size: .875rem; }
table.matrix th[scope="row"] { font-weight: 400; white-space: normal; min-width: 16rem; }
table.matrix td { text-align: center; }
table.figures caption strong { color: var(--fg); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }

.bars { display: grid; gap: .35rem; margin: .75rem 0; }
.bar-row { display: grid; grid-template-columns: minmax(9rem, 14rem) minmax(6rem, 1fr) minmax(10rem, 18rem); gap: .75rem; align-items: center; }
.bar-label { font-size: .9rem; }
.bar-track { position: relative; height: 1.1rem; background: var(--soft); border-radius: .2rem; }
.bar-fill { position: absolute; inset: 0 auto 0 0; border-radius: .2rem; background: var(--bar-starter); }
.kind-limit .bar-fill { background: var(--bar-limit); }
.kind-hello .bar-fill { background: var(--bar-hello); opacity: .8; }
.whisker { position: absolute; top: 50%; height: 2px; background: var(--whisker); opacity: .7; }
.whisker::before, .whisker::after { content: ""; position: absolute; top: -4px; width: 2px; height: 10px; background: var(--whisker); }
.whisker::before { left: 0; } .whisker::after { right: 0; }
.bar-value { font-size: .875rem; font-variant-numeric: tabular-nums; }

.loc td { position: relative; min-width: 6rem; }
.loc-bar { position: absolute; left: .3rem; top: 25%; height: 50%; background: var(--bar-starter); opacity: .18; border-radius: .15rem; max-width: calc(100% - .6rem); }
.loc-n { position: relative; }

.tabs { display: flex; flex-wrap: wrap; gap: .35rem; margin: .5rem 0; }
.tabs [role="tab"] {
  font: inherit; font-size: .9rem; padding: .35rem .75rem; border-radius: 1rem; cursor: pointer;
  border: 1px solid var(--line); background: var(--bg); color: var(--fg);
}
.tabs [role="tab"][aria-selected="true"] { background: var(--accent); border-color: var(--accent); color: #fff; }
.tabs [role="tab"]:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.tabs .count { opacity: .8; font-size: .8em; }
.concern-summary { color: var(--muted); margin: .25rem 0 .75rem; min-height: 1.5em; }
.panes { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; align-items: start; }
.pane { min-width: 0; }
/* Each pane scrolls on its own, so two long files stay side by side. */
.pane-code { max-height: 80vh; overflow: auto; overscroll-behavior: contain; border-radius: .375rem; }
.pane-code .pane-total { position: sticky; top: 0; z-index: 1; background: var(--bg); padding: .25rem 0; margin: 0 0 .25rem; }
.pane-total { margin: .25rem 0 .5rem; font-size: .9rem; }
.file { margin: 0 0 1rem; border: 1px solid var(--line); border-radius: .375rem; overflow: hidden; }
.file figcaption { display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: baseline; padding: .4rem .6rem; background: var(--soft); border-bottom: 1px solid var(--line); font-size: .8125rem; }
.file figcaption code { font-weight: 600; word-break: break-all; }
.file .meta, .file .note { color: var(--muted); }
.file pre { margin: 0; padding: .5rem 0; overflow-x: auto; background: var(--code-bg); font-size: .8125rem; line-height: 1.45; }
.file pre code { font-size: inherit; display: block; min-width: max-content; }
.line { display: inline-block; width: 100%; padding-right: .75rem; }
.line::before { content: attr(data-n); display: inline-block; width: 2.75rem; padding-right: .75rem; text-align: right; color: var(--muted); user-select: none; }
.line.elsewhere { background: var(--dim); }
.hljs { background: var(--code-bg) !important; }

@media (max-width: 56rem) {
  .panes { grid-template-columns: 1fr; }
  .pane-code { max-height: 70vh; }
  .bar-row { grid-template-columns: 1fr; gap: .15rem; margin-bottom: .4rem; }
}
@media (max-width: 40rem) {
  h1 { font-size: 1.4rem; }
  /* Wide tables become one card per row on a phone; each cell says what it is. */
  table.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.cards, table.cards tbody, table.cards tr, table.cards th, table.cards td { display: block; width: 100%; }
  table.cards tr { border: 1px solid var(--line); border-radius: .375rem; margin-bottom: .75rem; padding: .25rem 0; }
  table.cards tbody th { background: var(--soft); border-bottom: 1px solid var(--line); }
  table.cards caption { display: block; }
  table.cards td { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; border-bottom: none; white-space: normal; }
  table.cards td::before { content: attr(data-label); font-weight: 600; color: var(--muted); }
  table.cards td > .v { text-align: right; }
  /* Wide figure tables scroll sideways inside their box, the target's name staying in view. */
  table.bench-table tbody th { position: sticky; left: 0; background: var(--bg); min-width: 8rem; white-space: normal; }
  table.bench-table th, table.bench-table td { padding: .3rem .4rem; font-size: .875rem; }
  table.loc th, table.loc td { white-space: normal; padding: .35rem .3rem; }
  table.loc td { min-width: 0; text-align: right; }
  .loc-bar { display: none; }
  dl { grid-template-columns: 1fr; }
  .line::before { width: 2rem; padding-right: .5rem; }
}
`;
