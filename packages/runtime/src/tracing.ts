import { register } from 'node:module';
import type { Instrumentation } from '@opentelemetry/instrumentation';

/**
 * Tracing is on when an OTLP endpoint is configured, in the SDK's own variables (for every signal, or
 * for traces alone), and the SDK is not switched off. Otherwise nothing of OpenTelemetry is loaded:
 * no module, no hook, no exporter.
 */
export function tracingConfigured(env: Record<string, string | undefined>): boolean {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return !!endpoint && env.OTEL_SDK_DISABLED !== 'true' && env.OTEL_TRACES_EXPORTER !== 'none';
}

/** The trace and span a log line was written in, under the names OpenTelemetry's log model uses. */
type TraceFields = () => { trace_id: string; span_id: string } | undefined;

/** The running SDK, once {@link startTracing} has started it: one per process. */
interface Tracing {
  /** The current trace's ids, for the logger to write beside every line. */
  fields: TraceFields;
  /** Names the current request's SERVER span after its route (`GET /tasks/:id`). */
  nameRoute(route: string): void;
  /** Exports what is queued and stops; never throws (a collector that is gone loses those spans). */
  shutdown(): Promise<void>;
}

let tracing: Tracing | undefined;

/** The running tracing, or undefined while it is off (the default). */
export function activeTracing(): Tracing | undefined {
  return tracing;
}

export interface TracingOptions {
  /** `service.name` of every span, unless `OTEL_SERVICE_NAME` says otherwise. */
  serviceName: string;
  /** The framework's own instrumentations; loaded only when tracing is on. */
  instrumentations?: () => Promise<Instrumentation[]>;
}

/**
 * Starts the OpenTelemetry Node SDK when {@link tracingConfigured}, and says whether it did: spans for every HTTP request the
 * server answers (the SERVER span) and every SQL statement (`pg`), with the framework's instrumentation
 * naming the route, exported over OTLP as the `OTEL_*` variables say (protocol, headers, sampler,
 * resource attributes). Call it before importing the app: the instrumentations patch the framework's
 * modules as they load, which is why each server imports its app only after this.
 */
export async function startTracing(
  env: Record<string, string | undefined>,
  options: TracingOptions,
): Promise<boolean> {
  if (tracing) return true;
  if (!tracingConfigured(env)) return false;
  // The app is ES modules: a loader hook lets the instrumentations patch what `import` loads, as
  // require-in-the-middle does for `require` (TypeORM's `pg`, for one).
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const [{ NodeSDK }, { HttpInstrumentation }, { PgInstrumentation }, api, core] =
    await Promise.all([
      import('@opentelemetry/sdk-node'),
      import('@opentelemetry/instrumentation-http'),
      import('@opentelemetry/instrumentation-pg'),
      import('@opentelemetry/api'),
      import('@opentelemetry/core'),
    ]);
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || options.serviceName,
    instrumentations: [
      new HttpInstrumentation(),
      // Statements inside a request only (not migrations at start-up). A span holds the statement's
      // text, never its bound values.
      new PgInstrumentation({ requireParentSpan: true }),
      ...((await options.instrumentations?.()) ?? []),
    ],
  });
  sdk.start();
  tracing = {
    fields() {
      const span = api.trace.getActiveSpan();
      if (!span) return undefined;
      const { traceId, spanId } = span.spanContext();
      return { trace_id: traceId, span_id: spanId };
    },
    nameRoute(route) {
      // The HTTP instrumentation reads the route from here when the response is done, and names
      // the span and sets `http.route` from it, as framework instrumentations have it do.
      const metadata = core.getRPCMetadata(api.context.active());
      if (metadata?.type === core.RPCType.HTTP) metadata.route = route;
    },
    shutdown: () => sdk.shutdown().catch(() => undefined),
  };
  return true;
}
