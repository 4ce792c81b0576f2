import {
  Agent,
  type ClientRequest,
  createServer,
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LoadBalancer } from './load-balancer.js';

/** Headers that describe one connection, not the message: a proxy must not forward them (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * A round-robin HTTP load balancer on loopback, to put several instances of a starter behind one URL
 * as a real deployment would. Each request goes to the next instance in turn; bodies stream both ways.
 * Like any reverse proxy it appends the peer's address to `X-Forwarded-For`, which the starters
 * (started with `TRUST_PROXY=loopback`) skip as a trusted hop, so each test client still counts as
 * the address it claims. An instance that does not answer gets a 502 with a plain-text body, which
 * the contract check then reports against the test that met it.
 */
export class Balancer implements LoadBalancer {
  readonly info = { kind: 'harness' } as const;
  readonly #upstreams: URL[];
  readonly #server: Server;
  readonly #agent = new Agent({ keepAlive: true });
  readonly #counts: number[];
  #next = 0;

  constructor(upstreams: string[]) {
    if (upstreams.length === 0) throw new Error('A balancer needs at least one upstream.');
    this.#upstreams = upstreams.map((u) => new URL(u));
    this.#counts = upstreams.map(() => 0);
    this.#server = createServer((req, res) => this.#forward(req, res));
  }

  /** Listens on 127.0.0.1 and returns the balancer's base URL. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve());
    });
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** How many requests each upstream was sent, in the order they were given. */
  requestsPerInstance(): Promise<number[]> {
    return Promise.resolve([...this.#counts]);
  }

  async close(): Promise<void> {
    const closed = new Promise((resolve) => this.#server.close(resolve));
    this.#server.closeAllConnections();
    this.#agent.destroy();
    await closed;
  }

  #forward(req: IncomingMessage, res: ServerResponse): void {
    const index = this.#next;
    this.#next = (this.#next + 1) % this.#upstreams.length;
    this.#counts[index]!++;
    const upstream = this.#upstreams[index]!;
    const headers = withoutHopByHop(req.headers);
    const peer = req.socket.remoteAddress ?? '127.0.0.1';
    headers['x-forwarded-for'] = req.headers['x-forwarded-for']
      ? `${req.headers['x-forwarded-for']}, ${peer}`
      : peer;
    let outgoing: ClientRequest;
    try {
      outgoing = request(
        {
          agent: this.#agent,
          hostname: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers,
        },
        (answer) => {
          res.writeHead(
            answer.statusCode ?? 502,
            answer.statusMessage,
            withoutHopByHop(answer.headers),
          );
          answer.pipe(res);
        },
      );
    } catch (error) {
      // What http.request refuses to send (a path with characters Node will not put on the wire).
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`Bad gateway: cannot forward this request (${(error as Error).message})`);
      return;
    }
    outgoing.on('error', (error) => {
      if (res.headersSent) {
        res.destroy(error);
        return;
      }
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`Bad gateway: ${upstream.origin} failed (${error.message})`);
    });
    // A client that goes away before its answer is sent takes its upstream request with it.
    res.on('close', () => {
      if (!res.writableFinished) outgoing.destroy();
    });
    req.pipe(outgoing);
  }
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const named = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase()),
  );
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name) && !named.has(name)),
  );
}
