import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { failures } from '@rosetta/shared-contract';
import { ProblemError, sendProblem } from './problem.js';

/** The contract's body limit; Fastify answers anything larger with FST_ERR_CTP_BODY_TOO_LARGE (413). */
const BODY_LIMIT = 100 * 1024;

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

/**
 * The body handling of every operation that takes one, in the contract's order: 415 for anything but
 * JSON, 413 over 100 kB, 400 for a body that is not JSON. In Fastify this is content-type parsing,
 * which runs after the onRequest hooks (authentication, the rate limit) and before validation:
 *
 * - Fastify answers a Content-Type it has no parser for with FST_ERR_CTP_INVALID_MEDIA_TYPE (415), and
 *   a body sent without one; dropping its text/plain parser leaves JSON as the only type it parses.
 * - Its JSON parser answers an empty or malformed body with FST_ERR_CTP_EMPTY_JSON_BODY or
 *   _INVALID_JSON_BODY (400), and parses any JSON value, so valid JSON that is not an object is the
 *   schema's to reject (422).
 * - `__proto__` and `constructor` keys are left in as the own properties JSON.parse makes them, not
 *   refused as malformed: they are valid JSON, and every request schema forbids unknown properties,
 *   so validation answers 422 naming them. No handler ever sees them.
 *
 * The error handler turns those codes into problems.
 */
const requireJsonPlugin: FastifyPluginAsync = async (fastify) => {
  const parseJson = fastify.getDefaultJsonParser('ignore', 'ignore');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (request, body: string, done) => {
      // Fastify decodes every body as UTF-8 and ignores Content-Encoding: refuse what it would misread.
      const charset = CHARSET.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
      if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
        done(new ProblemError(...failures.notUtf8));
        return;
      }
      const encoding = request.headers['content-encoding']?.trim().toLowerCase();
      if (encoding !== undefined && encoding !== 'identity') {
        done(new ProblemError(...failures.unsupportedEncoding));
        return;
      }
      parseJson(request, body, done);
    },
  );

  // A request that declares no body at all (neither Content-Length nor chunked) and no Content-Type
  // skips parsing and would reach validation with `body` undefined: it sent no JSON, so it is a 415.
  fastify.addHook('preValidation', async (request, reply) => {
    if (request.body === undefined && request.routeOptions.schema?.body) {
      return sendProblem(reply, ...failures.notJson);
    }
  });
};

export const requireJson = fp(requireJsonPlugin, { name: 'require-json' });
