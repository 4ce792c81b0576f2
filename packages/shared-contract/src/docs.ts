import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const swaggerUiDir = dirname(require.resolve('swagger-ui-dist/package.json'));

/**
 * The files under `/docs/` that the reference page loads, by name. Starters serve exactly these, not
 * the whole swagger-ui-dist folder (whose own index.html would show the Petstore demo).
 */
export const docsAssets: Record<string, { file: string; contentType: string }> = {
  'swagger-ui.css': {
    file: join(swaggerUiDir, 'swagger-ui.css'),
    contentType: 'text/css; charset=utf-8',
  },
  'swagger-ui-bundle.js': {
    file: join(swaggerUiDir, 'swagger-ui-bundle.js'),
    contentType: 'text/javascript; charset=utf-8',
  },
  'docs.js': {
    // Beside this module in src/ and, through allowJs, in dist/: found wherever the contract is copied.
    file: fileURLToPath(new URL('./docs-init.js', import.meta.url)),
    contentType: 'text/javascript; charset=utf-8',
  },
};

/**
 * The HTML of `GET /docs`: Swagger UI over `/openapi.json`. Scripts load from files rather than inline
 * so the page works under the strict Content-Security-Policy the starters send.
 */
export const docsPage = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Rosetta API reference</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/docs.js"></script>
  </body>
</html>
`;
