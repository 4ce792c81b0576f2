import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One span as the OTLP JSON encoding carries it, with its attributes flattened to plain values. */
export interface CollectedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP's SpanKind: 1 internal, 2 server, 3 client. */
  kind: number;
  /** The instrumentation scope that made it (`@opentelemetry/instrumentation-pg`). */
  scope: string;
  attributes: Record<string, unknown>;
  /** The resource's attributes (`service.name`). */
  resource: Record<string, unknown>;
}

export const SpanKind = { internal: 1, server: 2, client: 3 } as const;

interface AnyValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: AnyValue[] };
}
interface KeyValue {
  key: string;
  value: AnyValue;
}

function plain(value: AnyValue): unknown {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(plain);
  return undefined;
}

const flatten = (attributes: KeyValue[] = []) =>
  Object.fromEntries(attributes.map(({ key, value }) => [key, plain(value)]));

/**
 * The smallest OTLP/HTTP receiver that serves the test: it takes `POST /v1/traces` in the JSON
 * encoding (the server under test is started with `OTEL_EXPORTER_OTLP_PROTOCOL=http/json`), keeps
 * every span, and answers 200 as a collector does. Other signals are accepted and dropped. Loopback
 * only.
 */
export class OtlpCollector {
  readonly spans: CollectedSpan[] = [];
  /** Export requests that were not valid OTLP JSON: a server sending them is broken. */
  readonly rejected: string[] = [];
  readonly #server: Server;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<OtlpCollector> {
    const server = createServer();
    const collector = new OtlpCollector(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (req.method === 'POST' && req.url === '/v1/traces') {
          collector.#receive(req.headers['content-type'], Buffer.concat(chunks).toString('utf8'));
        }
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return collector;
  }

  /** What a server's `OTEL_EXPORTER_OTLP_ENDPOINT` is set to: the exporter appends `/v1/traces`. */
  get endpoint(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  #receive(contentType: string | undefined, body: string): void {
    try {
      if (!contentType?.startsWith('application/json')) throw new Error(`${contentType}`);
      const { resourceSpans = [] } = JSON.parse(body) as {
        resourceSpans?: {
          resource?: { attributes?: KeyValue[] };
          scopeSpans?: {
            scope?: { name?: string };
            spans?: (Omit<CollectedSpan, 'scope' | 'attributes' | 'resource'> & {
              attributes?: KeyValue[];
            })[];
          }[];
        }[];
      };
      for (const { resource, scopeSpans = [] } of resourceSpans) {
        for (const { scope, spans = [] } of scopeSpans) {
          for (const span of spans) {
            this.spans.push({
              traceId: span.traceId,
              spanId: span.spanId,
              ...(span.parentSpanId && { parentSpanId: span.parentSpanId }),
              name: span.name,
              kind: span.kind,
              scope: scope?.name ?? '',
              attributes: flatten(span.attributes),
              resource: flatten(resource?.attributes),
            });
          }
        }
      }
    } catch (error) {
      this.rejected.push(`${(error as Error).message}: ${body.slice(0, 200)}`);
    }
  }

  /** Resolves with the first spans `found` accepts, polling until `timeoutMs` has passed. */
  async waitFor<T>(
    found: (spans: readonly CollectedSpan[]) => T | undefined,
    timeoutMs: number,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = found(this.spans);
      if (result !== undefined) return result;
      if (Date.now() > deadline) {
        throw new Error(
          `no such spans within ${timeoutMs} ms; received ${this.spans.length}: ${this.spans
            .map((s) => s.name)
            .join(', ')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}

/** The spans below `root` in its trace, children and their children. */
export function descendants(spans: readonly CollectedSpan[], root: CollectedSpan): CollectedSpan[] {
  const below: CollectedSpan[] = [];
  const parents = new Set([root.spanId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const span of spans) {
      if (span.traceId !== root.traceId || parents.has(span.spanId)) continue;
      if (span.parentSpanId && parents.has(span.parentSpanId)) {
        parents.add(span.spanId);
        below.push(span);
        grew = true;
      }
    }
  }
  return below;
}
