import type { ComponentChildren } from 'preact';

/** When a run happened, for people: `2026-12-03 14:05 UTC`. */
export const when = (iso: string) => iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');

/** One of the page's sections, with the heading the navigation links to. */
export function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ComponentChildren;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** What is not there yet, and the command that makes it. */
export function Missing({ what, command }: { what: string; command: string }) {
  return (
    <p class="missing" data-missing="">
      {what}: run <code>{command}</code>.
    </p>
  );
}

/** A dash for a value that does not exist. */
export function None({ text = '–' }: { text?: string }) {
  return <span class="none">{text}</span>;
}

export function StatusMark({ ok }: { ok: boolean }) {
  return ok ? (
    <span class="pass" aria-label="passes">
      ✓
    </span>
  ) : (
    <span class="fail" aria-label="fails">
      ✗
    </span>
  );
}

/** A table that scrolls sideways on a narrow screen instead of squeezing its columns. */
export function TableWrap({
  children,
  ...rest
}: {
  children: ComponentChildren;
  [attribute: `data-${string}`]: string;
}) {
  return (
    <div class="table-wrap" {...rest}>
      {children}
    </div>
  );
}

/** `<th scope="col">` for each heading. */
export function HeadRow({ first, columns }: { first?: string; columns: readonly string[] }) {
  return (
    <tr>
      {first !== undefined && <th scope="col">{first}</th>}
      {columns.map((column) => (
        <th scope="col">{column}</th>
      ))}
    </tr>
  );
}

/** A table cell of a card table: its value, labelled for the narrow layout that stacks cells. */
export function Cell({
  label,
  children,
  fail,
}: {
  label: string;
  children: ComponentChildren;
  fail?: boolean;
}) {
  return (
    <td data-label={label} class={fail ? 'fail' : undefined}>
      <span class="v">{children}</span>
    </td>
  );
}
