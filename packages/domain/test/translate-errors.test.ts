import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from '../src/database/errors.js';
import { translateDatabaseErrors } from '../src/database/translate-errors.js';
import { NotFoundError, ServiceUnavailableError } from '../src/index.js';

/** A loopback server that treats every connection as `onConnection` says: the failures to classify. */
async function fakeDatabase(onConnection: (socket: Socket) => void): Promise<Server> {
  const server = createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** What node-postgres rejects with when it connects to `port` and runs a query. */
async function driverError(port: number): Promise<unknown> {
  const pool = new pg.Pool({ host: '127.0.0.1', port, connectionTimeoutMillis: 500, max: 1 });
  pool.on('error', () => {});
  try {
    await pool.query('SELECT 1');
    throw new Error('the query should have failed');
  } catch (error) {
    return error;
  } finally {
    await pool.end();
  }
}

describe('isDatabaseUnavailable', () => {
  const servers: Server[] = [];
  const sockets: Socket[] = [];
  let refusedPort: number;

  beforeAll(async () => {
    // A port that was just free and now has no listener: connecting is refused.
    const probe = await fakeDatabase(() => {});
    refusedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
  });
  afterAll(async () => {
    // The silent server's sockets are still open; close() would wait for them.
    for (const socket of sockets) socket.destroy();
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
  });

  async function serve(onConnection: (socket: Socket) => void): Promise<number> {
    const server = await fakeDatabase((socket) => {
      sockets.push(socket);
      onConnection(socket);
    });
    servers.push(server);
    return (server.address() as AddressInfo).port;
  }

  it('recognises a refused connection', async () => {
    expect(isDatabaseUnavailable(await driverError(refusedPort))).toBe(true);
  });

  it('recognises a connection reset by the peer', async () => {
    const port = await serve((socket) => socket.resetAndDestroy());
    expect(isDatabaseUnavailable(await driverError(port))).toBe(true);
  });

  it('recognises a connection closed before the server answered', async () => {
    const port = await serve((socket) => socket.end());
    expect(isDatabaseUnavailable(await driverError(port))).toBe(true);
  });

  it('recognises a server that accepts but never answers (the connect timeout)', async () => {
    const port = await serve(() => {});
    expect(isDatabaseUnavailable(await driverError(port))).toBe(true);
  });

  it('looks inside TypeORM’s QueryFailedError', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], reset))).toBe(true);
    const unique = Object.assign(new Error('duplicate key'), { code: '23505' });
    expect(isDatabaseUnavailable(new QueryFailedError('INSERT', [], unique))).toBe(false);
  });

  it.each(['57P01', '57P03', '08006', '53300'])(
    'recognises SQLSTATE %s (the server cannot serve now)',
    (code) => {
      expect(isDatabaseUnavailable(Object.assign(new Error('server says no'), { code }))).toBe(
        true,
      );
    },
  );

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a syntax error', Object.assign(new Error('syntax error'), { code: '42601' })],
    ['a cancelled statement', Object.assign(new Error('statement timeout'), { code: '57014' })],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['a non-error', 'ECONNRESET'],
    ['nothing', undefined],
  ])('does not mistake %s for an outage', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('translateDatabaseErrors', () => {
  const unreachable = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  const service = translateDatabaseErrors({
    value: 42,
    ok: async (n: number) => n + 1,
    down: async () => Promise.reject(unreachable),
    missing: async () => Promise.reject(new NotFoundError('No such task.')),
    broken: async () => Promise.reject(new TypeError('a bug')),
    slow: async () =>
      Promise.reject(
        Object.assign(new Error('canceling statement due to statement timeout'), {
          code: '57014',
        }),
      ),
    badQuery: async () => Promise.reject(failedInsert()),
  });

  /** What TypeORM rejects with when a statement it ran for a bug failed on its values. */
  function failedInsert(): QueryFailedError {
    const driverError = Object.assign(
      new Error('invalid input syntax for type uuid: "alice@example.com"'),
      { code: '22P02', detail: 'Key (email)=(alice@example.com) already exists.' },
    );
    return new QueryFailedError(
      'INSERT INTO users (email, password_hash) VALUES ($1, $2)',
      ['alice@example.com', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA'],
      driverError,
    );
  }

  it('passes results and other properties through', async () => {
    expect(await service.ok(1)).toBe(2);
    expect(service.value).toBe(42);
  });

  it('turns an unreachable database into a ServiceUnavailableError with the cause kept', async () => {
    const error = await service.down().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toMatchObject({ code: 'service_unavailable', cause: unreachable });
    expect((error as ServiceUnavailableError).retryAfterSeconds).toBeGreaterThan(0);
  });

  it('turns a statement past statement_timeout into a ServiceUnavailableError', async () => {
    const error = await service.slow().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toMatchObject({ cause: { code: '57014' } });
  });

  it("takes a bug's bound values out of its error, wherever TypeORM and the server repeat them", async () => {
    const error = await service.badQuery().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryFailedError);
    const logged = inspect(error, { depth: 10 });
    expect(logged).not.toContain('alice@example.com');
    expect(logged).not.toContain('argon2id');
    // What finds the bug stays: the SQL with its placeholders, the SQLSTATE, the message's shape.
    expect(error).toMatchObject({
      code: '22P02',
      query: 'INSERT INTO users (email, password_hash) VALUES ($1, $2)',
      message: 'invalid input syntax for type uuid: "[redacted]"',
    });
  });

  it('leaves domain errors and bugs as they are', async () => {
    await expect(service.missing()).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.broken()).rejects.toBeInstanceOf(TypeError);
  });
});
