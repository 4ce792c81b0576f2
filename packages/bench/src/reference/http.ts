/**
 * The `node:http` plumbing both references share, so that they differ only in how they reach the data:
 * body reading, validation with the contract's schemas under the shared Ajv options, JSON and
 * problem+json responses, the bearer token, and what they serve through the domain because seeding and
 * readiness need it (none of it measured). No logging, security headers, request ids or rate limit.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { DomainError, type Domain } from '@rosetta/domain';
import { closeOnSignal, gracefulClose, type Services } from '@rosetta/runtime';
import {
  bearerToken as bearerTokenOf,
  createAjv,
  failureAnswer,
  failures,
  operations,
  type ProblemAnswer,
  problemAnswer,
  toValidationErrors,
  type LoginRequest,
  type OperationId,
  type ProblemCode,
  type RegisterRequest,
  type ValidationError,
} from '@rosetta/shared-contract';

const BODY_LIMIT = 100 * 1024;
const HEALTH = JSON.stringify({ status: 'ok' });

/** A failure to answer as problem+json; thrown by the helpers below, caught in one place. */
export class Problem extends Error {
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

/** Validates one part of a request against its operation's schema; coerces and defaults parameters. */
export function check(
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
    throw new Problem(...failures.invalidRequest, toValidationErrors(validate.errors ?? [], part));
  }
  return value;
}

/** The bearer token of the request; a 401 problem when there is none. */
export function bearerToken(req: IncomingMessage): string {
  const token = bearerTokenOf(req.headers.authorization);
  if (token === undefined) throw new Problem(...failures.missingToken);
  return token;
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const mediaType = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new Problem(...failures.notJson);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new Problem(...failures.bodyTooLarge);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new Problem(...failures.malformedJson);
  }
}

export function send(
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

export function sendProblem(res: ServerResponse, error: unknown): void {
  let answer: ProblemAnswer;
  if (error instanceof Problem || error instanceof DomainError) {
    answer = failureAnswer(error);
  } else {
    console.error(error);
    answer = problemAnswer(...failures.internal);
  }
  const json = JSON.stringify(answer.body);
  res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

/** A reference's own routes: true when it answered the request. */
export type Routes = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

/**
 * Listens with `routes` first, then readiness, register and login through the domain, and a 404 for
 * the rest; drains and closes on SIGTERM as the starters do. Bench-only: the references do not honour
 * the contract beyond the bench's scenarios and what seeding needs.
 */
export function serveReference(
  services: Pick<Services, 'config' | 'domain' | 'logger' | 'close'>,
  routes: Routes,
): void {
  const { config, domain } = services;
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if ((await routes(req, res, url)) || (await throughDomain(domain, req, res, url))) return;
    throw new Problem('not_found', 'The bench reference serves only its scenarios.');
  };
  const server = createServer((req, res) => {
    // A reference must be the fastest way to do the work, so the liveness answer takes no detour
    // through URL parsing or a promise.
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
  const close = gracefulClose(server);
  server.listen(config.port, config.host);
  closeOnSignal(services, close);
}

async function throughDomain(
  domain: Domain,
  req: IncomingMessage,
  res: ServerResponse,
  { pathname }: URL,
): Promise<boolean> {
  if (req.method === 'GET' && pathname === '/health/ready') {
    if (await domain.health.isDatabaseReady()) {
      send(res, 200, { status: 'ok', checks: { database: 'ok' } });
    } else {
      sendProblem(res, new Problem(...failures.databaseDown));
    }
    return true;
  }
  if (req.method === 'POST' && pathname === '/auth/register') {
    const body = check('register', 'body', await readJson(req)) as RegisterRequest;
    send(res, 201, await domain.auth.register(body));
    return true;
  }
  if (req.method === 'POST' && pathname === '/auth/login') {
    const body = check('login', 'body', await readJson(req)) as LoginRequest;
    send(res, 200, await domain.auth.login(body));
    return true;
  }
  return false;
}
