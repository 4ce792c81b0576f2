/**
 * The limit: the bench's four scenarios on plain `node:http` over the same `@rosetta/domain`, doing the
 * same work a starter must do for them (bearer authentication through the domain, validation with the
 * contract's schemas under the shared Ajv options, JSON bodies up to 100 kB, problem+json errors, ETag
 * and Location) and nothing else: no logging, no security headers, no request ids, no rate limit, no
 * other routes. No framework can be faster at the same work, so a starter's figure divided by this
 * one is what the framework and its production features cost. Bench-only: it is not a starter and does
 * not honour the contract beyond these routes (plus register and login, which seeding needs).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  createDomain,
  DomainError,
  InvalidInputError,
  loadConfig,
  type ListTasksQuery,
  type Principal,
} from '@rosetta/domain';
import {
  createAjv,
  formatEtag,
  operations,
  problem,
  PROBLEM_CONTENT_TYPE,
  toValidationErrors,
  type OperationId,
  type ProblemCode,
  type ValidationError,
} from '@rosetta/shared-contract';

const config = loadConfig(process.env);
const domain = await createDomain({
  databaseUrl: config.databaseUrl,
  poolSize: config.databasePoolSize,
  embeddedDataDir: config.pgliteDataDir,
  jwtSecret: config.jwtSecret,
});

const BODY_LIMIT = 100 * 1024;
const BEARER = /^\s*Bearer +(\S+)\s*$/i;
const TASK_PATH = /^\/tasks\/([^/]+)$/;

/** A failure to answer as problem+json; thrown by the helpers below, caught in one place. */
class Problem extends Error {
  constructor(
    readonly code: ProblemCode,
    detail: string,
    readonly errors?: ValidationError[],
  ) {
    super(detail);
  }
}

const ajv = { body: createAjv('body'), parameters: createAjv('parameters') };
type Check = ReturnType<typeof ajv.body.compile>;
const compiled = new Map<string, Check>();

function check(
  operationId: OperationId,
  part: 'params' | 'query' | 'body',
  value: unknown,
): unknown {
  const key = `${operationId}:${part}`;
  let validate = compiled.get(key);
  if (!validate) {
    const schema = operations[operationId][part];
    if (!schema) return value;
    validate = (part === 'body' ? ajv.body : ajv.parameters).compile(schema);
    compiled.set(key, validate);
  }
  if (!validate(value)) {
    throw new Problem(
      'validation_failed',
      'The request does not match the API contract.',
      toValidationErrors(validate.errors ?? [], part),
    );
  }
  return value;
}

async function authenticate(req: IncomingMessage): Promise<Principal> {
  const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
  if (token === undefined) {
    throw new Problem('unauthorized', 'This operation needs an access token.');
  }
  return domain.auth.authenticate(token);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const mediaType = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new Problem('unsupported_media_type', 'The request body must be application/json.');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new Problem('payload_too_large', 'The body is over 100 kB.');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new Problem('malformed_json', 'The request body is not valid JSON.');
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    ...headers,
  });
  res.end(json);
}

const HEALTH = JSON.stringify({ status: 'ok' });

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const { pathname } = url;
  const method = req.method;

  if (method === 'GET' && pathname === '/health/ready') {
    return (await domain.health.isDatabaseReady())
      ? send(res, 200, { status: 'ok', checks: { database: 'ok' } })
      : sendProblem(res, new Problem('service_unavailable', 'The database is not answering.'));
  }
  if (method === 'POST' && pathname === '/auth/register') {
    const body = check('register', 'body', await readJson(req)) as Parameters<
      typeof domain.auth.register
    >[0];
    return send(res, 201, await domain.auth.register(body));
  }
  if (method === 'POST' && pathname === '/auth/login') {
    const body = check('login', 'body', await readJson(req)) as Parameters<
      typeof domain.auth.login
    >[0];
    return send(res, 200, await domain.auth.login(body));
  }
  if (pathname === '/tasks' && method === 'GET') {
    const principal = await authenticate(req);
    const query = check('listTasks', 'query', Object.fromEntries(url.searchParams));
    return send(res, 200, await domain.tasks.list(principal, query as ListTasksQuery));
  }
  if (pathname === '/tasks' && method === 'POST') {
    const principal = await authenticate(req);
    const body = check('createTask', 'body', await readJson(req)) as Parameters<
      typeof domain.tasks.create
    >[1];
    const { task, version } = await domain.tasks.create(principal, body);
    return send(res, 201, task, { location: `/tasks/${task.id}`, etag: formatEtag(version) });
  }
  const id = TASK_PATH.exec(pathname)?.[1];
  if (id !== undefined && method === 'GET') {
    const principal = await authenticate(req);
    check('getTask', 'params', { id: decodeURIComponent(id) });
    const { task, version } = await domain.tasks.get(principal, decodeURIComponent(id));
    return send(res, 200, task, { etag: formatEtag(version) });
  }
  throw new Problem('not_found', 'The bench reference serves only its scenarios.');
}

function sendProblem(res: ServerResponse, error: unknown): void {
  let body;
  if (error instanceof Problem) {
    body = problem(error.code, error.message, error.errors ? { errors: error.errors } : {});
  } else if (error instanceof DomainError) {
    body = problem(
      error.code,
      error.message,
      error instanceof InvalidInputError ? { errors: error.errors } : {},
    );
  } else {
    console.error(error);
    body = problem('internal_error', 'An unexpected error occurred.');
  }
  const json = JSON.stringify(body);
  res.writeHead(body.status, {
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': Buffer.byteLength(json),
    ...(body.status === 401 && { 'www-authenticate': 'Bearer' }),
  });
  res.end(json);
}

const server = createServer((req, res) => {
  // The limit must be the fastest way to do the work, so the liveness answer takes no detour through
  // URL parsing or a promise.
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': HEALTH.length,
    });
    res.end(HEALTH);
    return;
  }
  route(req, res).catch((error: unknown) => sendProblem(res, error));
});
server.listen(config.port, config.host);

process.once('SIGTERM', () => {
  server.close(() => void domain.close().then(() => process.exit(0)));
  server.closeIdleConnections();
});
