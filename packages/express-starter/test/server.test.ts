import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const serverJs = fileURLToPath(new URL('../dist/server.js', import.meta.url));

// A real process booting embedded PGlite: 6 s on an idle machine, near a minute with a core busy
// and the rest of the suite running beside it. The deadline bounds a hang, not the machine's speed.
describe('dist/server.js', { timeout: 240_000 }, () => {
  it('starts on embedded PGlite without DATABASE_URL, becomes ready, and exits 0 on SIGTERM', async () => {
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
      },
      stdio: ['ignore', 'pipe', 'pipe'],
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

    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code, output).toBe(0);
    expect(output).toContain('shutdown complete');
  });
});
