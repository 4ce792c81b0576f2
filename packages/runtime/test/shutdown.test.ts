import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { gracefulClose } from '../src/index.js';

/** A raw keep-alive connection, so the test sees exactly what the server sends and when it closes. */
async function open(port: number): Promise<{ socket: Socket; received: () => string }> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  let data = '';
  socket.on('data', (chunk: Buffer) => (data += chunk));
  return { socket, received: () => data };
}

function get(socket: Socket, path: string): void {
  socket.write(`GET ${path} HTTP/1.1\r\nHost: test\r\nConnection: keep-alive\r\n\r\n`);
}

/** Resolves once `check` holds, polling; the test's timeout bounds it. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('gracefulClose', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  async function serve() {
    const held: ServerResponse[] = [];
    // GET /slow is answered when the test says so; anything else at once.
    const server = createServer((req, res) => {
      if (req.url === '/slow') held.push(res);
      else res.end('fast');
    });
    const close = gracefulClose(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanups.push(() => server.closeAllConnections());
    return { server, close, held, port: (server.address() as AddressInfo).port };
  }

  it('lets the request in flight finish, then closes its keep-alive socket and the server', async () => {
    const { close, held, port } = await serve();
    const busy = await open(port);
    const idle = await open(port);
    get(busy.socket, '/slow');
    get(idle.socket, '/fast');
    await until(() => held.length === 1 && idle.received().endsWith('fast'));

    let closed = false;
    const closing = close().then(() => (closed = true));
    // The idle keep-alive socket goes at once; the busy one stays until its response is out.
    await once(idle.socket, 'close');
    expect(busy.socket.destroyed).toBe(false);
    expect(closed).toBe(false);

    held[0]!.end('slow');
    await once(busy.socket, 'close');
    await closing;
    expect(busy.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nslow$/);
  });
});
