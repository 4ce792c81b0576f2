import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP proxy that can be cut and restored, to take a database away from a running server
 * without touching the database itself. Cut: every open connection is reset and new ones are reset as
 * soon as they arrive (the port stays taken, so restoring needs no new URL).
 */
export class TcpProxy {
  readonly #upstream: { host: string; port: number };
  readonly #server: Server;
  readonly #pairs = new Set<[Socket, Socket]>();
  #cut = false;

  constructor(upstream: { host: string; port: number }) {
    this.#upstream = upstream;
    this.#server = createServer((client) => this.#accept(client));
  }

  /** Listens on 127.0.0.1 and returns the port. */
  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve());
    });
    return (this.#server.address() as AddressInfo).port;
  }

  get isCut(): boolean {
    return this.#cut;
  }

  /** Open client connections. */
  get connections(): number {
    return this.#pairs.size;
  }

  cut(): void {
    this.#cut = true;
    for (const pair of this.#pairs) resetPair(pair);
    this.#pairs.clear();
  }

  restore(): void {
    this.#cut = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(client: Socket): void {
    if (this.#cut) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(this.#upstream);
    const pair: [Socket, Socket] = [client, upstream];
    this.#pairs.add(pair);
    // A side that closes takes the other with it; only cut() resets.
    const end = () => {
      this.#pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  }
}

function resetPair([a, b]: [Socket, Socket]): void {
  for (const socket of [a, b]) {
    if (socket.destroyed) continue;
    // A reset, not a polite FIN: this is how a crashed or unreachable database looks to a client.
    if (socket.connecting) socket.destroy();
    else socket.resetAndDestroy();
  }
}

/** The same database URL, pointing at the proxy instead. */
export function throughProxy(databaseUrl: string, proxyPort: number): string {
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(proxyPort);
  return url.toString();
}

/** Where a database URL points, for the proxy's upstream. */
export function urlEndpoint(databaseUrl: string): { host: string; port: number } {
  const url = new URL(databaseUrl);
  return { host: url.hostname || '127.0.0.1', port: Number(url.port || 5432) };
}
