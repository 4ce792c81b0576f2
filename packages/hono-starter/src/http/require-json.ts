import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { every } from 'hono/combine';
import { createMiddleware } from 'hono/factory';
import { failures } from '@rosetta/shared-contract';
import { problemResponse } from './problem.js';

/** The contract's body limit: 100 kB, in bytes. */
const BODY_LIMIT = 100 * 1024;

/**
 * `application/json`, with or without parameters such as `charset=utf-8`; nothing else. `c.req.json()`
 * reads UTF-8 and inflates nothing, so what body-parser would decode for Express (UTF-16, gzip,
 * deflate) is refused here rather than misread as malformed JSON.
 */
const requireJsonContentType = createMiddleware(async (c, next) => {
  const [mediaType = '', ...params] = (c.req.header('Content-Type') ?? '').split(';');
  if (mediaType.trim().toLowerCase() !== 'application/json') {
    return problemResponse(c, ...failures.notJson);
  }
  const charset = params
    .map((param) => param.trim().toLowerCase())
    .find((param) => param.startsWith('charset='));
  if (charset !== undefined && charset.replaceAll('"', '') !== 'charset=utf-8') {
    return problemResponse(c, ...failures.notUtf8);
  }
  const encoding = c.req.header('Content-Encoding')?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
    return problemResponse(c, ...failures.unsupportedEncoding);
  }
  await next();
});

const tooLarge = (c: Context) => problemResponse(c, ...failures.bodyTooLarge);

/** Counts a chunked body as it streams in. */
const limitStreamedBody = bodyLimit({ maxSize: BODY_LIMIT, onError: tooLarge });

/**
 * A body that declares its size is judged by it; only one that does not (chunked) goes through
 * `bodyLimit`. That middleware reads `c.req.raw.body`, which makes @hono/node-server build a web
 * `Request` with a `ReadableStream` around the socket, where `c.req.json()` alone reads the socket
 * directly: on POST /tasks that stream was about 5% of the CPU per request.
 */
const limitBody = createMiddleware(async (c, next) => {
  const length = c.req.header('Content-Length');
  if (length === undefined || c.req.header('Transfer-Encoding') !== undefined) {
    return limitStreamedBody(c, next);
  }
  // Node's HTTP parser has already refused a Content-Length that is not a number.
  if (Number(length) > BODY_LIMIT) return tooLarge(c);
  await next();
});

/**
 * Any JSON value parses: valid JSON that is not an object is the schema's to reject (422), so only
 * text that is not JSON at all is a 400. `c.req.json()` caches the text it read, so `validate()`
 * reads the same body again without touching the stream.
 */
const parseJson = createMiddleware(async (c, next) => {
  try {
    await c.req.json();
  } catch (error) {
    // Anything but a parse error happened while reading: the client stopped sending.
    if (!(error instanceof SyntaxError)) {
      return problemResponse(c, ...failures.incompleteBody);
    }
    return (await c.req.text()) === ''
      ? problemResponse(c, ...failures.emptyBody)
      : problemResponse(c, ...failures.malformedJson);
  }
  await next();
});

/**
 * The body handling of every operation that takes one, in the contract's order: 415 for anything but
 * JSON, 413 over 100 kB, 400 for a body that is not JSON. Use it before `validate()`. Hono's `every()`
 * bundles the three into one middleware, which keeps route declarations short.
 */
export function jsonBody(): MiddlewareHandler {
  return every(requireJsonContentType, limitBody, parseJson);
}
