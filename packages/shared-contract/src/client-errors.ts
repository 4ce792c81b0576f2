import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, problem, type ProblemCode } from './problems.js';

/**
 * Node answers a request it cannot parse, or one that took too long to arrive, before any framework
 * sees it: with a bare status line (Express, Hono, Nest) or Fastify's own JSON. These are the same
 * answers as problem details, so every error a client can meet is `application/problem+json`.
 */
const answers: Record<string, [ProblemCode, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: ['request_timeout', 'The request did not arrive in time.'],
  HPE_HEADER_OVERFLOW: ['request_header_fields_too_large', 'The request headers are too large.'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: ['payload_too_large', 'The chunk extensions are too large.'],
};
const fallback: [ProblemCode, string] = ['bad_request', 'The request is not valid HTTP.'];

/** The raw HTTP/1.1 response for a client error Node raised, as a problem; the connection closes. */
export function clientErrorResponse(error: NodeJS.ErrnoException): string {
  const [code, detail] = answers[error.code ?? ''] ?? fallback;
  const details = problem(code, detail);
  const body = JSON.stringify(details);
  const { status, title } = details;
  return [
    `HTTP/1.1 ${status} ${title}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * A `clientError` listener for a Node HTTP server, doing what Node's default does with a problem body:
 * a reset socket gets nothing, a response already under way is not corrupted by a second one, and the
 * socket is destroyed at once (a slow client must not keep it open by never reading).
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // The ServerResponse in progress on this socket, if any (Node keeps it there; no public API).
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent: boolean } })._httpMessage;
  if (error.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent) {
    socket.write(clientErrorResponse(error));
  }
  socket.destroy();
}
