import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where the bench's telemetry-on targets send their spans, and what arrived there. */
export interface OtlpSink {
  /** `OTEL_EXPORTER_OTLP_ENDPOINT` for a target: the exporter appends `/v1/traces`. */
  endpoint: string;
  /** Export requests received so far: none after a run means a target exported nothing. */
  exports(): number;
  close(): Promise<void>;
}

/**
 * A collector that keeps nothing: it reads each OTLP/HTTP export and answers 200, as a collector
 * that accepted it would, so a server pays the whole cost of exporting (batching, encoding, the
 * request) and none of a real collector's. Loopback only.
 */
export async function startOtlpSink(): Promise<OtlpSink> {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST') received++;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    exports: () => received,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
