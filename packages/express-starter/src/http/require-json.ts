import express, { type RequestHandler, Router } from 'express';
import { failures, refuseEmptyJson } from '@rosetta/shared-contract';
import { sendProblem } from './problem.js';

/** The contract's body limit; body-parser answers anything larger with `entity.too.large` (413). */
const BODY_LIMIT = '100kb';

/** `application/json`, with or without parameters such as `charset=utf-8`; nothing else. */
const requireJsonContentType: RequestHandler = (req, res, next) => {
  const mediaType = req.get('Content-Type')?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    sendProblem(res, ...failures.notJson);
    return;
  }
  next();
};

const parseJson = express.json({
  limit: BODY_LIMIT,
  // The media type was checked above, so parse whatever arrives.
  type: () => true,
  // Any JSON value parses: valid JSON that is not an object is the schema's to reject (422), as the
  // contract has it, rather than body-parser's "strict" 400.
  strict: false,
  verify: refuseEmptyJson,
});

// body-parser skips a request that declares no body at all (neither Content-Length nor chunked).
const requireBody: RequestHandler = (req, res, next) => {
  if (req.body === undefined) {
    sendProblem(res, ...failures.emptyBody);
    return;
  }
  next();
};

/**
 * The body handling of every operation that takes one, in the contract's order: 415 for anything but
 * JSON, 413 over 100 kB, 400 for a body that is not JSON. Use it before `validate()`. A Router bundles
 * the three into one middleware, which keeps route declarations short and their handlers typed.
 */
export const jsonBody: RequestHandler = Router().use(
  requireJsonContentType,
  parseJson,
  requireBody,
);
