import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsync } from 'fastify';
import { docsAssets, docsPage, openapiDocument } from '@rosetta/shared-contract';

/**
 * The contract and its interactive reference: `/openapi.json`, `/docs`, and exactly the files the page
 * loads. The assets are read once and sent as buffers rather than through @fastify/static, because
 * static file serving runs its own conditional-request logic (If-None-Match: * would answer 304) that
 * this app keeps for tasks alone.
 */
export const docsRoutes: FastifyPluginAsync = async (fastify) => {
  // No response schema: the contract's schema for the document names three of its members, and
  // fast-json-stringify writes only the members a schema names.
  fastify.get('/openapi.json', async () => openapiDocument);

  fastify.get('/docs', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(docsPage),
  );

  // One route per known file, so any other name under /docs/ is a plain 404. Each is read when first
  // asked for, not at start: Swagger UI's bundle is 1.5 MB that most processes never serve.
  for (const [name, asset] of Object.entries(docsAssets)) {
    let content: Promise<Buffer> | undefined;
    fastify.get(`/docs/${name}`, async (_request, reply) =>
      reply
        .headers({ 'Content-Type': asset.contentType, 'Cache-Control': 'public, max-age=3600' })
        .send(await (content ??= readFile(asset.file))),
    );
  }
};
