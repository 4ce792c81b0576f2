/**
 * Entity tags for task versions (RFC 9110 §8.8.3). A task's ETag is its version number, quoted; it is a
 * strong validator because the representation changes only when the version does.
 */
export function formatEtag(version: number): string {
  return `"${version}"`;
}

/**
 * Reads `If-Match`: undefined when absent, `'*'` for any version, else the versions it lists. Weak tags
 * never match under If-Match's strong comparison, and tags we never issued match nothing, so both are
 * dropped; an empty list then fails the precondition, as the RFC requires.
 */
export function parseIfMatch(header: string | undefined): '*' | number[] | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return '*';
  return parseTags(header)
    .filter((tag) => !tag.weak)
    .flatMap((tag) => (/^\d{1,9}$/.test(tag.opaque) ? [Number(tag.opaque)] : []));
}

/** Whether `If-None-Match` matches the current version (weak comparison), so a GET may answer 304. */
export function ifNoneMatchHits(header: string | undefined, version: number): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return parseTags(header).some((tag) => tag.opaque === String(version));
}

function parseTags(header: string): { weak: boolean; opaque: string }[] {
  return [...header.matchAll(/(W\/)?"([^"]*)"/g)].map((m) => ({
    weak: m[1] !== undefined,
    opaque: m[2]!,
  }));
}
