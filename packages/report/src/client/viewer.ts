import type { ViewerData, ViewerFile } from '../model.js';

/**
 * The code viewer's behaviour, run in the browser. The page inlines this function's source
 * (`(initViewer)()`), so it must stand alone: no imports at run time, no outside helpers. It reads the
 * viewer's data from the page, and switches concern and framework (per pane) without reloading; the
 * state is kept in the URL's hash so a view can be linked to.
 */
export function initViewer(): void {
  const root = document.querySelector<HTMLElement>('[data-viewer]');
  const dataElement = document.getElementById('viewer-data');
  if (!root || !dataElement) return;
  const data = JSON.parse(dataElement.textContent ?? '{}') as ViewerData;
  if (data.frameworks.length === 0 || data.concerns.length === 0) return;

  const names = data.frameworks.map((f) => f.name);
  const state = {
    concern: data.concerns[0]!.id,
    panes: [names[0]!, names[1] ?? names[0]!],
  };
  /** `#code/<concern>/<left>/<right>`, as links in the page and the address bar use it. */
  const readHash = (): boolean => {
    const match = /^#code\/([\w-]+)\/([\w-]+)\/([\w-]+)$/.exec(location.hash);
    if (!match) return false;
    const [, concern, left, right] = match;
    if (data.cells[concern!]) state.concern = concern!;
    if (names.includes(left!)) state.panes[0] = left!;
    if (names.includes(right!)) state.panes[1] = right!;
    return true;
  };
  readHash();

  const concernTitle = (id: string) => data.concerns.find((c) => c.id === id)?.title ?? id;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const escapeHtml = (text: string) =>
    text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

  function renderFile(framework: string, view: ViewerFile): string {
    const lines = data.files[view.file] ?? [];
    const [from, to] = view.lines ?? [1, lines.length];
    const prefix = data.frameworks.find((f) => f.name === framework)?.path ?? '';
    const elsewhere = view.elsewhere ?? [];
    const body = lines
      .slice(from - 1, to)
      .map((html, index) => {
        const n = from + index;
        const other = elsewhere.find((e) => n >= e.lines[0] && n <= e.lines[1]);
        const attributes = other
          ? ` class="line elsewhere" title="Counted under ${escapeHtml(concernTitle(other.concern))}"`
          : ' class="line"';
        return `<span${attributes} data-n="${n}">${html || ' '}</span>`;
      })
      .join('\n');
    const range = view.lines ? `lines ${from}–${to} · ` : '';
    const notes = elsewhere
      .map(
        (e) =>
          `<span class="note">lines ${e.lines[0]}–${e.lines[1]} counted under ${escapeHtml(concernTitle(e.concern))}</span>`,
      )
      .join('');
    return (
      `<figure class="file"><figcaption><code>${escapeHtml(`${prefix}/${view.path}`)}</code>` +
      `<span class="meta">${range}${plural(view.loc, 'line')} of code</span>${notes}</figcaption>` +
      `<pre class="hljs"><code>${body}</code></pre></figure>`
    );
  }

  function renderPane(index: number): void {
    const framework = state.panes[index]!;
    const target = root!.querySelector<HTMLElement>(`[data-pane-code="${index}"]`);
    if (!target) return;
    const views = data.cells[state.concern]?.[framework] ?? [];
    const label = data.frameworks.find((f) => f.name === framework)?.label ?? framework;
    const total = data.loc[state.concern]?.[framework] ?? 0;
    target.innerHTML =
      `<p class="pane-total"><strong>${escapeHtml(label)}</strong>: ${escapeHtml(concernTitle(state.concern))}, ` +
      `${plural(total, 'line')} of code in ${plural(views.length, 'file')}</p>` +
      (views.length > 0
        ? views.map((view) => renderFile(framework, view)).join('')
        : `<p class="empty">No file of ${escapeHtml(label)} is assigned to this concern.</p>`);
    target.setAttribute('aria-labelledby', `pane-${index}-tab-${framework}`);
    target.setAttribute('data-framework', framework);
    target.setAttribute('data-concern', state.concern);
  }

  function select(list: HTMLElement, value: string): void {
    for (const tab of list.querySelectorAll<HTMLElement>('[role="tab"]')) {
      const selected = tab.dataset.value === value;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
  }

  function render(): void {
    const concernTabs = root!.querySelector<HTMLElement>('[data-tabs="concern"]')!;
    select(concernTabs, state.concern);
    const panel = root!.querySelector<HTMLElement>('[data-concern-panel]');
    panel?.setAttribute('aria-labelledby', `concern-tab-${state.concern}`);
    const summary = root!.querySelector<HTMLElement>('[data-concern-summary]');
    if (summary) {
      summary.textContent = data.concerns.find((c) => c.id === state.concern)?.summary ?? '';
    }
    state.panes.forEach((framework, index) => {
      const list = root!.querySelector<HTMLElement>(`[data-tabs="pane-${index}"]`);
      if (!list) return;
      select(list, framework);
      for (const tab of list.querySelectorAll<HTMLElement>('[role="tab"]')) {
        const count = tab.querySelector('[data-loc]');
        if (count) count.textContent = String(data.loc[state.concern]?.[tab.dataset.value!] ?? 0);
      }
      renderPane(index);
    });
  }

  function choose(): void {
    render();
    history.replaceState(null, '', `#code/${state.concern}/${state.panes[0]}/${state.panes[1]}`);
  }

  root.addEventListener('click', (event) => {
    const tab = (event.target as HTMLElement).closest<HTMLElement>('[role="tab"]');
    const list = tab?.closest<HTMLElement>('[data-tabs]');
    if (!tab || !list || !tab.dataset.value) return;
    const which = list.dataset.tabs!;
    if (which === 'concern') state.concern = tab.dataset.value;
    else state.panes[Number(which.slice('pane-'.length))] = tab.dataset.value;
    choose();
  });

  // Links such as the lines-of-code table's open a view.
  window.addEventListener('hashchange', () => {
    if (!readHash()) return;
    render();
    root.scrollIntoView({ block: 'start' });
  });

  // The WAI-ARIA tabs pattern: arrow keys, Home and End move between tabs and select them.
  root.addEventListener('keydown', (event) => {
    const tab = (event.target as HTMLElement).closest<HTMLElement>('[role="tab"]');
    const list = tab?.closest<HTMLElement>('[data-tabs]');
    if (!tab || !list) return;
    const tabs = [...list.querySelectorAll<HTMLElement>('[role="tab"]')];
    const index = tabs.indexOf(tab);
    const next =
      event.key === 'ArrowRight'
        ? tabs[(index + 1) % tabs.length]
        : event.key === 'ArrowLeft'
          ? tabs[(index - 1 + tabs.length) % tabs.length]
          : event.key === 'Home'
            ? tabs[0]
            : event.key === 'End'
              ? tabs.at(-1)
              : undefined;
    if (!next) return;
    event.preventDefault();
    next.click();
    next.focus();
  });

  render();
}
