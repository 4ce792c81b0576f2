import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';

/**
 * The life of a built server, checked on the real process: it starts on embedded PGlite without
 * DATABASE_URL and becomes ready; on SIGTERM it finishes the request in flight, closes that
 * keep-alive connection itself and exits 0; and it exits 1 once SHUTDOWN_TIMEOUT_MS has passed with
 * a request still in flight. `name` is the server's, `serverJs` its built entry point
 * (`dist/server.js`); `env` adds to the environment it gets, e.g. a platform to run on.
 */
export function describeServerLifecycle(
  name: string,
  serverJs: string,
  env: Record<string, string> = {},
): void {
  // A real process booting embedded PGlite: 6 s on an idle machine, near a minute with a core busy
  // and the rest of the suite running beside it. The deadline bounds a hang, not the machine's speed.
  describe(`${name}: dist/server.js`, { timeout: 240_000 }, () => {
    it('starts on embedded PGlite without DATABASE_URL, becomes ready, and on SIGTERM finishes the request in flight and exits 0', async () => {
      const { child, url, exited, output } = await start(serverJs, env);
      const body = JSON.stringify({
        email: 'drain@rosetta.test',
        password: 'a-long-password',
        name: 'Drain',
      });
      const { socket, received } = await startRegistering(url, body);

      child.kill('SIGTERM');
      // Once the listener is closed the server is draining, with the request still in flight.
      await refused(url);
      // The rest of the body; the server, not the client, then closes the connection.
      socket.write(body.slice(10));
      await once(socket, 'close');

      const response = received();
      // The response arrived in full, and the server then closed the keep-alive connection itself.
      expect(response).toMatch(/^HTTP\/1\.1 201 /);
      expect(response).toContain('"name":"Drain"');
      const [code] = await exited;
      expect(code, output()).toBe(0);
      expect(output()).toContain('shutdown complete');
    });

    it('exits 1 once SHUTDOWN_TIMEOUT_MS has passed with a request still in flight', async () => {
      const { child, url, exited, output } = await start(serverJs, {
        ...env,
        SHUTDOWN_TIMEOUT_MS: '500',
      });
      // Half a body that never completes keeps the request in flight.
      const { socket } = await startRegistering(
        url,
        JSON.stringify({ email: 'stuck@rosetta.test' }),
      );
      child.kill('SIGTERM');
      const [code] = await exited;
      socket.destroy();
      expect(code, output()).toBe(1);
      expect(output()).toContain('shutdown took longer than 500 ms');
    });
  });
}

/** Starts the built server on embedded, in-memory PGlite and resolves once it is ready. */
async function start(
  serverJs: string,
  extraEnv: Record<string, string>,
): Promise<{
  child: ChildProcessWithoutNullStreams;
  url: URL;
  exited: Promise<unknown[]>;
  output: () => string;
}> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, [serverJs], {
    env: {
      ...env,
      NODE_ENV: 'test',
      JWT_SECRET: 'server-test-secret-that-is-long-enough',
      HOST: '127.0.0.1',
      PORT: '0',
      PGLITE_DATA_DIR: 'memory://',
      LOG_LEVEL: 'info',
      ...extraEnv,
    },
  });
  const exited = once(child, 'exit');
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/[^"\s]+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then(() => reject(new Error(`server exited before listening:\n${output}`)));
  });

  let ready = 0;
  for (let attempt = 0; attempt < 50 && ready !== 200; attempt++) {
    ready = await fetch(`${url}/health/ready`).then(
      (r) => r.status,
      () => 0,
    );
    if (ready !== 200) await new Promise((r) => setTimeout(r, 200));
  }
  expect(ready).toBe(200);
  return { child, url: new URL(url), exited, output: () => output };
}

const CONTINUE = 'HTTP/1.1 100 Continue\r\n\r\n';

/**
 * Sends the headers of `POST /auth/register` with `Expect: 100-continue`, waits for `100 Continue`
 * (the server has parsed them and handed the request to the app, however busy the machine), then the
 * first bytes of `body`. `received()` is what came after the `100 Continue`.
 */
async function startRegistering(url: URL, body: string) {
  const socket = connect(Number(url.port), url.hostname);
  await once(socket, 'connect');
  let response = '';
  const continued = new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      response += chunk;
      if (response.includes('\r\n\r\n')) resolve();
    });
  });
  socket.write(
    `POST /auth/register HTTP/1.1\r\nHost: ${url.host}\r\nConnection: keep-alive\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n` +
      `Expect: 100-continue\r\n\r\n`,
  );
  await continued;
  expect(response.slice(0, CONTINUE.length), 'the interim response').toBe(CONTINUE);
  socket.write(body.slice(0, 10));
  return { socket, received: () => response.slice(CONTINUE.length) };
}

/** Resolves once a new connection to `url` is refused: the server has stopped listening. */
async function refused(url: URL): Promise<void> {
  for (;;) {
    const outcome = await new Promise<string | undefined>((resolve) => {
      const probe = connect(Number(url.port), url.hostname);
      probe.once('connect', () => {
        probe.destroy();
        resolve(undefined);
      });
      probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
    });
    if (outcome === 'ECONNREFUSED') return;
    await new Promise((r) => setTimeout(r, 20));
  }
}
