import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import { docsAssets, docsPage, openapiDocument } from '@rosetta/shared-contract';

/**
 * The contract and its interactive reference: `/openapi.json`, `/docs`, and exactly the files the page
 * loads. Each asset is read once and sent from memory: `serveStatic` would serve a whole folder
 * (swagger-ui-dist's own index.html shows the Petstore demo).
 */
export function docsRoutes(): Hono {
  const routes = new Hono();

  routes.get('/openapi.json', (c) => c.json(openapiDocument));

  routes.get('/docs', (c) => c.html(docsPage));

  // One route per known file, so any other name under /docs/ is a plain 404. Each is read when first
  // asked for, not at start: Swagger UI's bundle is 1.5 MB that most processes never serve.
  for (const [name, asset] of Object.entries(docsAssets)) {
    let content: Promise<Uint8Array<ArrayBuffer>> | undefined;
    routes.get(`/docs/${name}`, async (c) =>
      c.body(await (content ??= readFile(asset.file).then((b) => new Uint8Array(b))), 200, {
        'Content-Type': asset.contentType,
        'Cache-Control': 'public, max-age=3600',
      }),
    );
  }

  return routes;
}
