import { randomInt } from 'node:crypto';
import type { OperationId } from '@rosetta/shared-contract';
import { checkResponse, excerpt, matchRoute } from './contract.js';

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  /** A JSON body; sets `Content-Type: application/json` unless `contentType` says otherwise. */
  json?: unknown;
  /**
   * A raw body, sent as is. A Uint8Array gets no Content-Type of its own; a stream is sent chunked,
   * with no Content-Length, so the server learns its size only by reading it.
   */
  body?: string | Uint8Array | ReadableStream<Uint8Array>;
  /** Overrides the Content-Type; `null` sends none. */
  contentType?: string | null;
  headers?: Record<string, string>;
  /** Overrides the client's token; `null` sends no Authorization. */
  token?: string | null;
  /**
   * Skip the contract check. Only for what the contract does not describe: the docs page's assets and
   * CORS preflights. Everything else is checked.
   */
  unchecked?: boolean;
}

/**
 * Bodies are typed loosely on purpose: each has already been validated against its operation's schema at
 * runtime, and tests read it like the JSON it is. Pass a type (`get<Task>`) where it helps.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** A response that conforms to the contract. */
export interface ApiResponse<T = Loose> {
  method: string;
  path: string;
  status: number;
  headers: Headers;
  body: T;
  text: string;
  operationId: OperationId | undefined;
}

export class ContractViolationError extends Error {
  constructor(
    readonly response: Omit<ApiResponse, 'body'>,
    readonly violations: string[],
  ) {
    super(
      `${response.method} ${response.path} answered ${response.status}, which breaks the contract:\n` +
        violations.map((v) => `  - ${v}`).join('\n') +
        `\n  body: ${excerpt(response.text)}`,
    );
    this.name = 'ContractViolationError';
  }
}

export interface ClientOptions {
  token?: string;
  /** The X-Forwarded-For this client claims; random by default, so rate limits are per client. */
  ip?: string;
  /** Called with every documented (operation, status) pair a conforming response exercised. */
  record?: (operationId: OperationId, status: number) => void;
}

/** A fetch-based client that checks every response against the contract before a test sees it. */
export class ApiClient {
  readonly baseUrl: string;
  readonly ip: string;
  readonly token: string | undefined;
  readonly #record: ClientOptions['record'];

  constructor(baseUrl: string, options: ClientOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.ip = options.ip ?? randomIp();
    this.token = options.token;
    this.#record = options.record;
  }

  /** The same client (same IP) acting with another token. */
  withToken(token: string | undefined): ApiClient {
    return new ApiClient(this.baseUrl, { ip: this.ip, token, record: this.#record });
  }

  get<T = Loose>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }
  post<T = Loose>(path: string, options?: RequestOptions) {
    return this.request<T>('POST', path, options);
  }
  patch<T = Loose>(path: string, options?: RequestOptions) {
    return this.request<T>('PATCH', path, options);
  }
  put<T = Loose>(path: string, options?: RequestOptions) {
    return this.request<T>('PUT', path, options);
  }
  delete<T = Loose>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options);
  }

  async request<T = Loose>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers = new Headers({ 'x-forwarded-for': this.ip, ...options.headers });
    const token = options.token === undefined ? this.token : options.token;
    if (token) headers.set('authorization', `Bearer ${token}`);
    let body = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers.set('content-type', 'application/json');
    }
    if (options.contentType === null) headers.delete('content-type');
    else if (options.contentType !== undefined) headers.set('content-type', options.contentType);
    // A string body would get text/plain from fetch; bytes get no Content-Type unless we set one.
    if (typeof body === 'string' && !headers.has('content-type'))
      body = new TextEncoder().encode(body);

    const res = await fetch(url, {
      method,
      headers,
      body,
      redirect: 'manual',
      // Required by fetch for a stream body; the response may then arrive before the body is sent.
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    });
    const text = await res.text();
    const observed = {
      method,
      path: url.pathname + url.search,
      status: res.status,
      headers: res.headers,
      text,
    };
    const match = matchRoute(method, url.pathname);
    const operationId = match.kind === 'operation' ? match.operationId : undefined;
    if (options.unchecked) {
      return { ...observed, body: parseIfJson(res.headers, text) as T, operationId };
    }
    const { violations, body: parsed } = checkResponse(match, observed);
    if (violations.length > 0)
      throw new ContractViolationError({ ...observed, operationId }, violations);
    if (operationId) this.#record?.(operationId, res.status);
    return { ...observed, body: parsed as T, operationId };
  }
}

function parseIfJson(headers: Headers, text: string): unknown {
  if (!/json/.test(headers.get('content-type') ?? '')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A private-range address per client (10/8), so each client gets its own rate-limit bucket. */
export function randomIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}
