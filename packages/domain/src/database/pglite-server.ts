import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

/**
 * Serves one PGlite to several PostgreSQL wire-protocol clients, the way a transaction-mode pooler
 * does: a connection owns the database from its first message until PGlite reports it idle
 * (ReadyForQuery 'I'), so one client's Parse/Bind/Execute and transactions never interleave with
 * another's. (pglite-socket's multiplexer queues message by message, which breaks the unnamed
 * statement and portal of concurrent extended-protocol queries: `portal "" does not exist`.)
 *
 * The connections still share PGlite's one session: what a client SETs or PREPAREs by name, every
 * other sees. Embedded mode therefore keeps a pool of one (see create-domain.ts); the conformance
 * harness serves each of its databases to several server processes through it.
 */
export class PgliteServer {
  readonly #db: PGlite;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #owner: Connection | undefined;
  readonly #waiting: Array<() => void> = [];

  constructor(db: PGlite) {
    this.#db = db;
    this.#server = createServer((socket) => this.#accept(socket));
  }

  /** Listens on loopback (port 0: any free port) and returns a `postgres://` URL for it. */
  async listen(port = 0): Promise<string> {
    await this.#listen({ port, host: '127.0.0.1' });
    const { port: actual } = this.#server.address() as AddressInfo;
    return `postgres://postgres@127.0.0.1:${actual}/postgres`;
  }

  /** Listens on a Unix socket at `path` instead, which file permissions can keep to one user. */
  async listenOnSocket(path: string): Promise<void> {
    await this.#listen({ path });
  }

  #listen(options: { port: number; host: string } | { path: string }): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(options, () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(socket: Socket): void {
    this.#sockets.add(socket);
    socket.setNoDelay(true);
    const connection = new Connection(socket);
    let buffer = Buffer.alloc(0);
    let chain = Promise.resolve();
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const messages: Buffer[] = [];
      for (;;) {
        const length = messageLength(buffer, connection.started);
        if (length === undefined || buffer.length < length) break;
        messages.push(buffer.subarray(0, length));
        buffer = buffer.subarray(length);
      }
      for (const message of messages) {
        chain = chain
          .then(() => this.#handle(connection, message))
          .catch(() => {
            socket.destroy();
          });
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.#sockets.delete(socket);
      connection.closed = true;
      chain = chain.then(() => this.#abandon(connection));
    });
  }

  async #handle(connection: Connection, message: Buffer): Promise<void> {
    if (connection.closed) return;
    if (!connection.started) {
      const code = message.readInt32BE(4);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        connection.socket.write('N');
        return;
      }
      if (code === CANCEL_REQUEST) {
        connection.socket.end();
        return;
      }
      connection.started = true;
    } else if (message[0] === 0x58 /* Terminate */) {
      await this.#abandon(connection);
      connection.socket.end();
      return;
    }
    await this.#acquire(connection);
    const reply = await this.#db.execProtocolRaw(new Uint8Array(message));
    if (!connection.closed) connection.socket.write(reply);
    if (lastReadyStatus(reply) === 'I') this.#release(connection);
  }

  /** A client that disconnects mid-transaction must not leave the database locked or half-written. */
  async #abandon(connection: Connection): Promise<void> {
    if (this.#owner !== connection) return;
    if (this.#db.isInTransaction()) await this.#db.exec('ROLLBACK').catch(() => undefined);
    this.#release(connection);
  }

  async #acquire(connection: Connection): Promise<void> {
    while (this.#owner !== undefined && this.#owner !== connection) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    this.#owner = connection;
  }

  #release(connection: Connection): void {
    if (this.#owner !== connection) return;
    this.#owner = undefined;
    this.#waiting.shift()?.();
  }
}

class Connection {
  started = false;
  closed = false;
  constructor(readonly socket: Socket) {}
}

/** Startup-phase messages have no type byte; every later one is a type byte plus an Int32 length. */
function messageLength(buffer: Buffer, started: boolean): number | undefined {
  if (!started) return buffer.length >= 4 ? buffer.readInt32BE(0) : undefined;
  return buffer.length >= 5 ? 1 + buffer.readInt32BE(1) : undefined;
}

/** The transaction status of the last ReadyForQuery in a reply, if the reply ends a request. */
function lastReadyStatus(reply: Uint8Array): string | undefined {
  const view = Buffer.from(reply.buffer, reply.byteOffset, reply.byteLength);
  let status: string | undefined;
  for (let offset = 0; offset + 5 <= view.length; offset += 1 + view.readInt32BE(offset + 1)) {
    if (view[offset] === 0x5a /* ReadyForQuery */) status = String.fromCharCode(view[offset + 5]!);
  }
  return status;
}
