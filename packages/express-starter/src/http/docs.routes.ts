import { readFile } from 'node:fs/promises';
import { Router } from 'express';
import { docsAssets, docsPage, openapiDocument } from '@rosetta/shared-contract';
import { methodNotAllowed } from './problem.js';

/**
 * The contract and its interactive reference: `/openapi.json`, `/docs`, and exactly the files the page
 * loads. Each asset is read once, on first use, and sent with `res.send` rather than `res.sendFile`,
 * because `send` runs its own conditional-request logic (If-None-Match: * would answer 304) that this
 * app keeps for tasks alone.
 */
export function docsRouter(): Router {
  const router = Router();

  router
    .route('/openapi.json')
    .get((_req, res) => {
      res.json(openapiDocument);
    })
    .all(methodNotAllowed(['GET']));

  router
    .route('/docs')
    .get((_req, res) => {
      res.type('html').send(docsPage);
    })
    .all(methodNotAllowed(['GET']));

  // One route per known file, so any other name under /docs/ is a plain 404. Each is read when first
  // asked for, not at start: Swagger UI's bundle is 1.5 MB that most processes never serve.
  for (const [name, asset] of Object.entries(docsAssets)) {
    let content: Promise<Buffer> | undefined;
    router
      .route(`/docs/${name}`)
      .get(async (_req, res) => {
        res
          .set({ 'Content-Type': asset.contentType, 'Cache-Control': 'public, max-age=3600' })
          .send(await (content ??= readFile(asset.file)));
      })
      .all(methodNotAllowed(['GET']));
  }

  return router;
}
