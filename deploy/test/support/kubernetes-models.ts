/**
 * Kubernetes objects checked with kubernetes-models, whose classes validate against the API's own
 * OpenAPI schemas: one module per kind, at `kubernetes-models/<apiVersion>/<kind>`, so any kind a
 * manifest uses is found without a list to keep up to date. The schemas leave unknown fields open, as
 * the API's OpenAPI does (the API server, not the schema, rejects them): the rules in
 * kubernetes-rules.ts check the fields that matter by name.
 */
interface Model {
  validate(): void;
}

type ModelClass = new (data: object) => Model;

function typeOf(object: unknown): { apiVersion: string; kind: string } {
  const { apiVersion, kind } = (object ?? {}) as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !/^\w+$/.test(kind))
    throw new Error('a Kubernetes object needs an apiVersion and a kind');
  return { apiVersion, kind };
}

/** The schema's complaint about `object`, or undefined when it is valid. */
export async function modelError(object: unknown): Promise<string | undefined> {
  const { apiVersion, kind } = typeOf(object);
  let module: Record<string, ModelClass | undefined>;
  try {
    // Resolved by Node at run time: Vite cannot know which kinds the manifests will name.
    const specifier = `kubernetes-models/${apiVersion}/${kind}`;
    module = (await import(/* @vite-ignore */ specifier)) as typeof module;
  } catch {
    return `no model for ${apiVersion} ${kind}`;
  }
  try {
    new module[kind]!(object as object).validate();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
