import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { problem, problemTypes, problemTypeUri, schemaRef } from '@rosetta/shared-contract';
import { validator } from './contract.js';
import { Haproxy, haproxyVersion } from './haproxy.js';
import { freeAddress } from './spawn-server.js';
import { haproxyConfig } from './targets.js';

/** An instance stand-in: ready unless told not to be, and answering with its name and what it saw. */
async function upstream(name: string) {
  const state = { ready: true };
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/health/ready') {
      res.statusCode = state.ready ? 200 : 503;
      res.end(JSON.stringify({ status: state.ready ? 'ok' : 'unavailable' }));
      return;
    }
    res.end(
      JSON.stringify({
        name,
        forwardedFor: req.headers['x-forwarded-for'] ?? null,
        requestId: req.headers['x-request-id'] ?? null,
      }),
    );
  });
  const { host, port, baseUrl } = await freeAddress();
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  return { state, url: baseUrl };
}

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(
    closers
      .splice(0)
      .reverse()
      .map((close) => close()),
  );
});

async function proxy() {
  const [one, two] = [await upstream('one'), await upstream('two')];
  const haproxy = new Haproxy([one.url, two.url], {
    configFile: haproxyConfig!,
    logFile: join(mkdtempSync(join(tmpdir(), 'haproxy-test-')), 'haproxy.log'),
  });
  const url = await haproxy.listen();
  closers.push(() => haproxy.close());
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}${path}`, { headers });
    return { status: res.status, headers: res.headers, body: (await res.json()) as never };
  };
  return { haproxy, one, two, get };
}

// The repository's HAProxy config, as the harness runs it: where HAProxy is installed (CI installs it).
describe.runIf(haproxyVersion() && haproxyConfig)('HAProxy from deploy/haproxy', () => {
  it('sends requests to each instance in turn, and counts them', async () => {
    const { haproxy, get } = await proxy();
    const before = await haproxy.requestsPerInstance();
    const names = [];
    for (let i = 0; i < 6; i++) names.push(((await get('/who')).body as { name: string }).name);
    expect([...names].sort()).toEqual(['one', 'one', 'one', 'two', 'two', 'two']);
    const after = await haproxy.requestsPerInstance();
    expect(after.map((n, i) => n - before[i]!)).toEqual([3, 3]);
  }, 90_000);

  it("appends the client's address to X-Forwarded-For and keeps or makes an X-Request-Id", async () => {
    const { get } = await proxy();
    const kept = await get('/who', { 'x-forwarded-for': '203.0.113.7', 'x-request-id': 'abc-123' });
    expect(kept.body).toMatchObject({
      forwardedFor: '203.0.113.7, 127.0.0.1',
      requestId: 'abc-123',
    });
    const made = await get('/who');
    expect((made.body as { requestId: string }).requestId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  }, 90_000);

  it('stops sending to an instance whose readiness fails, and to one drained', async () => {
    const { haproxy, one, get } = await proxy();
    one.state.ready = false;
    await haproxy.waitForStatus(0, 'DOWN');
    for (let i = 0; i < 4; i++)
      expect(((await get('/who')).body as { name: string }).name).toBe('two');
    one.state.ready = true;
    await haproxy.waitForStatus(0, 'UP');
    await haproxy.setState(1, 'drain');
    for (let i = 0; i < 4; i++)
      expect(((await get('/who')).body as { name: string }).name).toBe('one');
  }, 90_000);

  it('answers with a contract problem when no instance is ready', async () => {
    const { haproxy, one, two, get } = await proxy();
    one.state.ready = false;
    two.state.ready = false;
    await haproxy.waitForStatus(0, 'DOWN');
    await haproxy.waitForStatus(1, 'DOWN');
    const res = await get('/who');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body).toMatchObject({
      status: 503,
      code: 'service_unavailable',
      type: problemTypeUri('service_unavailable'),
    });
  }, 90_000);
});

// Read as HAProxy sends them, byte for byte: the status line and headers are not generated.
describe.runIf(haproxyConfig)('HAProxy errorfiles', () => {
  const dir = join(dirname(haproxyConfig ?? '.'), 'errors');
  const files = haproxyConfig ? readdirSync(dir).filter((f) => f.endsWith('.http')) : [];

  it('answer every status HAProxy is told to with the contract problem for it', () => {
    const configured = [
      ...readFileSync(haproxyConfig!, 'utf8').matchAll(/^\s*errorfile (\d+) errors\/(\S+)$/gm),
    ];
    expect(configured.map(([, status, file]) => `${status}.http` === file)).not.toContain(false);
    expect(configured.map(([, , file]) => file).sort()).toEqual([...files].sort());
  });

  it.each(files)('%s is a whole problem+json response, its length right', (file) => {
    const raw = readFileSync(join(dir, file), 'latin1');
    const [head, body] = raw.split('\r\n\r\n') as [string, string];
    const [statusLine, ...fields] = head.split('\r\n');
    const headers = new Map(
      fields.map((f) => [
        f.slice(0, f.indexOf(':')).toLowerCase(),
        f.slice(f.indexOf(':') + 1).trim(),
      ]),
    );
    const status = Number(file.replace('.http', ''));
    const answer = JSON.parse(body) as { code: keyof typeof problemTypes; detail: string };
    expect(statusLine).toBe(`HTTP/1.1 ${status} ${problemTypes[answer.code].title}`);
    expect(headers.get('content-type')).toBe('application/problem+json');
    expect(Number(headers.get('content-length'))).toBe(Buffer.byteLength(body, 'latin1'));
    expect(headers.get('connection')).toBe('close');
    const validate = validator(schemaRef('Problem'));
    expect(validate(answer), JSON.stringify(validate.errors)).toBe(true);
    expect(answer).toEqual(problem(answer.code, answer.detail));
    expect(problemTypes[answer.code].status).toBe(status);
  });
});
