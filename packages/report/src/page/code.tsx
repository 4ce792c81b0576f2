import type { ViewerData } from '../model.js';
import { Section } from './parts.js';

/**
 * The code viewer's markup: the concern tabs and two panes with framework tabs. The code itself is
 * filled in by the browser (client/viewer.ts) from the page's viewer data.
 */
export function CodeSection({ viewer }: { viewer: ViewerData }) {
  if (viewer.frameworks.length === 0) {
    return (
      <Section id="code" title="Code side by side">
        <p class="missing">No starter sources found.</p>
      </Section>
    );
  }
  return (
    <Section id="code" title="Code side by side">
      <p>
        The files that implement each concern, in two frameworks at once. Pick a concern, then a
        framework on each side.
      </p>
      <div class="viewer" data-viewer="">
        <div class="tabs concern-tabs" role="tablist" aria-label="Concern" data-tabs="concern">
          {viewer.concerns.map((c, i) => (
            <button
              type="button"
              role="tab"
              id={`concern-tab-${c.id}`}
              data-value={c.id}
              aria-selected={i === 0 ? 'true' : 'false'}
              aria-controls="viewer-panel"
              tabIndex={i === 0 ? 0 : -1}
            >
              {c.title}
            </button>
          ))}
        </div>
        <div
          id="viewer-panel"
          role="tabpanel"
          data-concern-panel=""
          aria-labelledby={`concern-tab-${viewer.concerns[0]!.id}`}
        >
          <p class="concern-summary" data-concern-summary=""></p>
          <div class="panes">
            <Pane viewer={viewer} index={0} />
            <Pane viewer={viewer} index={1} />
          </div>
        </div>
        <noscript>
          <p class="missing">The code viewer needs JavaScript.</p>
        </noscript>
      </div>
    </Section>
  );
}

function Pane({ viewer, index }: { viewer: ViewerData; index: number }) {
  const selected = (viewer.frameworks[index] ?? viewer.frameworks[0]!).name;
  return (
    <div class="pane">
      <div
        class="tabs framework-tabs"
        role="tablist"
        aria-label={`${index === 0 ? 'Left' : 'Right'} pane framework`}
        data-tabs={`pane-${index}`}
      >
        {viewer.frameworks.map((f) => (
          <button
            type="button"
            role="tab"
            id={`pane-${index}-tab-${f.name}`}
            data-value={f.name}
            aria-selected={f.name === selected ? 'true' : 'false'}
            aria-controls={`pane-${index}-code`}
            tabIndex={f.name === selected ? 0 : -1}
          >
            {f.label} <span class="count" data-loc=""></span>
          </button>
        ))}
      </div>
      <div
        class="pane-code"
        id={`pane-${index}-code`}
        role="tabpanel"
        aria-live="polite"
        aria-labelledby={`pane-${index}-tab-${selected}`}
        data-pane-code={String(index)}
      ></div>
    </div>
  );
}
