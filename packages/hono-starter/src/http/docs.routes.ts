import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { docsAssets, docsPage, openapiDocument } from '@rosetta/shared-contract';

/**
 * The contract and its interactive reference: `/openapi.json`, `/docs`, and exactly the files the page
 * loads. The assets are read once, at start, and sent from memory: `serveStatic` would serve a whole
 * folder (swagger-ui-dist's own index.html shows the Petstore demo), and reading files per request is
 * what a runtime without a file system could not do anyway.
 */
export function docsRoutes(): Hono {
  const routes = new Hono();

  routes.get('/openapi.json', (c) => c.json(openapiDocument));

  routes.get('/docs', (c) => c.html(docsPage));

  // One route per known file, so any other name under /docs/ is a plain 404.
  for (const [name, asset] of Object.entries(docsAssets)) {
    const content = new Uint8Array(readFileSync(asset.file));
    routes.get(`/docs/${name}`, (c) => {
      return c.body(content, 200, {
        'Content-Type': asset.contentType,
        'Cache-Control': 'public, max-age=3600',
      });
    });
  }

  return routes;
}
