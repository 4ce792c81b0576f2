import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { activeTracing, createLogger, startTracing, tracingConfigured } from '../src/index.js';

describe('tracingConfigured', () => {
  it('is off with no OTLP endpoint, the default', () => {
    expect(tracingConfigured({})).toBe(false);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: '' })).toBe(false);
  });

  it('is on with an endpoint for every signal, or for traces alone', () => {
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toBe(true);
    expect(
      tracingConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces' }),
    ).toBe(true);
  });

  it("is off when the SDK's own switches say so, whatever the endpoint", () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' };
    expect(tracingConfigured({ ...endpoint, OTEL_SDK_DISABLED: 'true' })).toBe(false);
    expect(tracingConfigured({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
  });
});

describe('startTracing without an endpoint', () => {
  it('starts nothing, and log lines carry no trace fields', async () => {
    expect(await startTracing({}, { serviceName: 'test' })).toBe(false);
    expect(activeTracing()).toBeUndefined();
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    createLogger({ env: 'test', logLevel: 'info' }, sink).info('hello');
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line.msg).toBe('hello');
    expect(line).not.toHaveProperty('trace_id');
    expect(line).not.toHaveProperty('span_id');
  });
});
