import { createServer, connect, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpProxy, throughProxy } from './proxy.js';

/** An echo server to proxy to. */
async function echoServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    socket.on('error', () => socket.destroy());
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/**
 * Past any loopback round trip on a busy machine; an answer that never comes then shows as 'timeout'
 * rather than as the test's own timeout.
 */
const ROUND_TRIP_TIMEOUT_MS = 20_000;

/** Connects, sends a line, and resolves with the echo, or with the error that ended the connection. */
function roundTrip(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(ROUND_TRIP_TIMEOUT_MS, () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    socket.on('close', () => resolve('closed'));
    socket.on('data', (data) => {
      resolve(data.toString());
      socket.end();
    });
    socket.write('ping');
  });
}

describe('TcpProxy', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function setup() {
    const echo = await echoServer();
    const proxy = new TcpProxy({ host: '127.0.0.1', port: echo.port });
    const port = await proxy.listen();
    cleanups.push(async () => {
      await proxy.close();
      await new Promise((resolve) => echo.server.close(resolve));
    });
    return { proxy, port };
  }

  it('forwards traffic both ways', async () => {
    const { port } = await setup();
    expect(await roundTrip(port)).toBe('ping');
  });

  it('resets open connections when cut, and refuses new ones until restored', async () => {
    const { proxy, port } = await setup();
    const open = connect(port, '127.0.0.1');
    await new Promise((resolve) => open.once('connect', resolve));
    open.write('x');
    await new Promise((resolve) => open.once('data', resolve));
    const ended = new Promise((resolve) => open.once('close', resolve));
    open.on('error', () => undefined);

    proxy.cut();
    await ended;
    expect(proxy.connections).toBe(0);
    expect(await roundTrip(port)).not.toBe('ping');

    proxy.restore();
    expect(await roundTrip(port)).toBe('ping');
  });
});

describe('throughProxy', () => {
  it('keeps credentials, database and options, and swaps host and port', () => {
    expect(throughProxy('postgres://u:p@db.example:5432/app?sslmode=disable', 6000)).toBe(
      'postgres://u:p@127.0.0.1:6000/app?sslmode=disable',
    );
  });
});
