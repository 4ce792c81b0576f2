import { request, type IncomingHttpHeaders } from 'node:http';
import { checkResponse, matchRoute } from '../../src/contract.js';

export interface HeldResponse {
  status: number;
  /** The parsed JSON body, already checked against the contract. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: IncomingHttpHeaders;
}

export interface HeldRequest {
  /** Sends the body and waits for the response; rejects if the connection fails instead. */
  release(): Promise<HeldResponse>;
}

/**
 * Starts a JSON request with `Expect: 100-continue` on a connection of its own and returns once the
 * server has answered `100 Continue`: by then the server has parsed the headers and handed the
 * request to the app, which is waiting for the body. So the request is provably in flight, for as
 * long as the test likes, until `release()`.
 */
export function holdRequest(
  baseUrl: string,
  options: { method: string; path: string; headers?: Record<string, string>; json: unknown },
): Promise<HeldRequest> {
  const body = JSON.stringify(options.json);
  const req = request(new URL(options.path, baseUrl), {
    method: options.method,
    agent: false,
    headers: {
      ...options.headers,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      expect: '100-continue',
    },
  });
  const response = new Promise<HeldResponse>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('error', reject);
      res.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) headers.set(name, String(value));
        }
        const observed = { status: res.statusCode!, headers, text };
        const { violations, body: parsed } = checkResponse(
          matchRoute(options.method, options.path),
          observed,
        );
        if (violations.length > 0) {
          reject(new Error(`${options.method} ${options.path}: ${violations.join('; ')}`));
        } else {
          resolve({ status: observed.status, body: parsed, headers: res.headers });
        }
      });
    });
  });
  return new Promise((resolve, reject) => {
    req.once('continue', () => resolve({ release: () => (req.end(body), response) }));
    // An answer before 100 Continue (a 401, say) means the request never got to wait for its body.
    response.then(
      (res) => reject(new Error(`${options.path} answered ${res.status} before its body was sent`)),
      reject,
    );
    req.flushHeaders();
  });
}
