import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments, parseDocument } from 'yaml';

/** The repository root, which the paths below are relative to. */
export const repoRoot = resolve(import.meta.dirname, '..', '..', '..');

export function readText(path: string): string {
  return readFileSync(resolve(repoRoot, path), 'utf8');
}

/**
 * A YAML file as plain data, aliases resolved, as Compose, kubectl and GitHub read it. A warning (a
 * duplicate key, say) fails as an error does: the tools would each settle it their own way.
 */
export function readYaml(path: string): unknown {
  const doc = parseDocument(readText(path), { prettyErrors: true, uniqueKeys: true });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) throw new Error(`${path}: ${problems.map((p) => p.message).join('\n')}`);
  return doc.toJS({ maxAliasCount: 100 });
}

/** Every document of a `---`-separated YAML file, as {@link readYaml} reads one. */
export function readYamlDocuments(path: string): unknown[] {
  return parseAllDocuments(readText(path), { prettyErrors: true, uniqueKeys: true }).map((doc) => {
    const problems = [...doc.errors, ...doc.warnings];
    if (problems.length > 0)
      throw new Error(`${path}: ${problems.map((p) => p.message).join('\n')}`);
    return doc.toJS();
  });
}
