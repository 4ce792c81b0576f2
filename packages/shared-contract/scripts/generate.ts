/**
 * Derives everything machine-readable from openapi.yaml, the one hand-written source of truth:
 *
 *   src/generated/openapi-types.ts  TypeScript types (openapi-typescript)
 *   src/generated/openapi.json      the document itself, served at GET /openapi.json
 *   src/generated/schemas.json      components.schemas as one JSON Schema 2020-12 bundle
 *   src/generated/operations.json   per operation: the schemas of its params, query, body and responses
 *
 * `--check` regenerates in memory and fails when a committed file differs, so a stale file cannot land.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, relative, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs({
  options: { check: { type: 'boolean', default: false }, out: { type: 'string' } },
}).values;
// `--out` lets a project generated from a starter keep the contract's code under its own src/.
const outDir = args.out ? resolvePath(args.out) : join(root, 'src', 'generated');
const SCHEMAS_ID = 'urn:rosetta:schemas';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema: JsonObject;
}

/** Rewrites `#/components/<kind>/X` references so they resolve inside the generated bundle. */
function rewriteRefs(node: Json, prefix: string): Json {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, prefix));
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      out[key] = value.replace('#/components/schemas/', `${prefix}#/$defs/`);
    } else {
      out[key] = rewriteRefs(value, prefix);
    }
  }
  return out;
}

function resolve<T>(doc: JsonObject, node: Json): T {
  if (node && typeof node === 'object' && !Array.isArray(node) && typeof node.$ref === 'string') {
    const path = node.$ref.replace(/^#\//, '').split('/');
    let target: Json = doc;
    for (const segment of path)
      target = (target as JsonObject)[segment.replaceAll('~1', '/')] ?? null;
    if (target === null) throw new Error(`Unresolvable reference ${node.$ref}`);
    return resolve<T>(doc, target);
  }
  return node as T;
}

/** Folds parameters of one location into an object schema, the shape a framework validates. */
function parametersSchema(params: Parameter[], location: 'path' | 'query'): JsonObject | undefined {
  const selected = params.filter((p) => p.in === location);
  if (selected.length === 0) return undefined;
  const properties: JsonObject = {};
  for (const p of selected) properties[p.name] = rewriteRefs(p.schema, SCHEMAS_ID);
  const required = selected.filter((p) => p.required).map((p) => p.name);
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    // Unknown query parameters are ignored, as caches and proxies add their own; path ones cannot occur.
    ...(location === 'path' ? { additionalProperties: false } : {}),
  };
}

function isEmptyRequirement(requirement: Json): boolean {
  return (
    typeof requirement === 'object' && requirement !== null && Object.keys(requirement).length === 0
  );
}

function buildOperations(doc: JsonObject): JsonObject {
  const operations: JsonObject = {};
  const globalSecurity = (doc.security as Json[] | undefined) ?? [];
  for (const [path, item] of Object.entries(doc.paths as JsonObject)) {
    const pathItem = item as JsonObject;
    const shared = ((pathItem.parameters as Json[] | undefined) ?? []).map((p) =>
      resolve<Parameter>(doc, p),
    );
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = pathItem[method] as JsonObject | undefined;
      if (!op) continue;
      const params = [
        ...shared,
        ...((op.parameters as Json[] | undefined) ?? []).map((p) => resolve<Parameter>(doc, p)),
      ];
      const security = (op.security as Json[] | undefined) ?? globalSecurity;
      const body = op.requestBody ? resolve<JsonObject>(doc, op.requestBody as Json) : undefined;
      const bodySchema = body
        ? ((body.content as JsonObject)['application/json'] as JsonObject).schema
        : undefined;

      const responses: JsonObject = {};
      for (const [status, raw] of Object.entries(op.responses as JsonObject)) {
        const response = resolve<JsonObject>(doc, raw);
        const headers: JsonObject = {};
        for (const [name, h] of Object.entries(
          (response.headers as JsonObject | undefined) ?? {},
        )) {
          const header = resolve<JsonObject>(doc, h);
          headers[name.toLowerCase()] = {
            required: header.required ?? false,
            schema: rewriteRefs(header.schema as Json, SCHEMAS_ID),
          };
        }
        const content = response.content as JsonObject | undefined;
        const [contentType, media] = content ? Object.entries(content)[0]! : [undefined, undefined];
        responses[status] = {
          description: response.description as string,
          // The media type alone (`text/plain`, not `text/plain; version=0.0.4`): what clients compare.
          ...(contentType ? { contentType: contentType.split(';')[0]!.trim() } : {}),
          ...(media
            ? { schema: rewriteRefs((media as JsonObject).schema as Json, SCHEMAS_ID) }
            : {}),
          headers,
        };
      }

      const pathSchema = parametersSchema(params, 'path');
      const querySchema = parametersSchema(params, 'query');
      operations[op.operationId as string] = {
        method: method.toUpperCase(),
        path,
        // An empty requirement (`{}`) among the alternatives means a caller may send no credentials.
        authenticated: security.length > 0 && !security.some(isEmptyRequirement),
        ...(op['x-enabled-by'] ? { enabledBy: op['x-enabled-by'] } : {}),
        ...(pathSchema ? { params: pathSchema } : {}),
        ...(querySchema ? { query: querySchema } : {}),
        ...(bodySchema ? { body: rewriteRefs(bodySchema, SCHEMAS_ID) } : {}),
        responses,
      };
    }
  }
  return operations;
}

async function render(doc: JsonObject, source: string): Promise<Map<string, string>> {
  // The nearest Prettier config to the output, so generated files match the project they land in.
  const prettier = (await resolveConfig(join(outDir, 'openapi-types.ts'))) ?? {};
  const pretty = (text: string, parser: 'typescript' | 'json') =>
    format(text, { ...prettier, parser });
  const banner =
    '// Generated from openapi.yaml by scripts/generate.ts. Do not edit; run `npm run generate`.\n';

  const schemas = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMAS_ID,
    $defs: rewriteRefs((doc.components as JsonObject).schemas as Json, ''),
  };
  const types = astToString(await openapiTS(source));

  const files = new Map<string, string>();
  files.set('openapi-types.ts', await pretty(banner + types, 'typescript'));
  files.set('openapi.json', await pretty(JSON.stringify(doc), 'json'));
  files.set('schemas.json', await pretty(JSON.stringify(schemas), 'json'));
  files.set('operations.json', await pretty(JSON.stringify(buildOperations(doc)), 'json'));
  return files;
}

async function main(): Promise<void> {
  const check = args.check;
  const source = await readFile(join(root, 'openapi.yaml'), 'utf8');
  const files = await render(parse(source) as JsonObject, source);

  const stale: string[] = [];
  await mkdir(outDir, { recursive: true });
  for (const [name, content] of files) {
    const file = join(outDir, name);
    const current = await readFile(file, 'utf8').catch(() => undefined);
    if (current === content) continue;
    if (check) stale.push(relative(root, file));
    else await writeFile(file, content);
  }
  if (stale.length > 0) {
    console.error(
      `Generated files are stale: ${stale.join(', ')}.\nRun the generator (\`npm run generate\`) and commit the result.`,
    );
    process.exit(1);
  }
  console.log(
    check
      ? 'Generated files are up to date.'
      : `Generated ${files.size} files in ${relative(root, outDir)}.`,
  );
}

await main();
