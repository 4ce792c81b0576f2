import { readFile } from 'node:fs/promises';
import { Controller, Get, Header, Inject, Req, StreamableFile } from '@nestjs/common';
import { docsAssets, docsPage, openapiDocument } from '@rosetta/shared-contract';
import { Public } from '../auth/public.decorator.js';
import type { Platform } from '../platform/platform.js';
import { PLATFORM } from '../platform/platforms.js';

// Exactly the files the page loads, so any other name under /docs/ is a plain 404 (and never 405).
// Each is read when first asked for, then kept, not at start: Swagger UI's
// bundle is 1.5 MB that most processes never serve.
const assets = new Map(
  Object.entries(docsAssets).map(([name, asset]) => [
    `/docs/${name}`,
    { ...asset, content: undefined as Promise<Buffer> | undefined },
  ]),
);

/** `/openapi.json`, `/docs`, and the files the docs page loads. */
@Public()
@Controller()
export class DocsController {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  @Get('openapi.json')
  openapi() {
    return openapiDocument;
  }

  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  page() {
    return docsPage;
  }

  // One route per file (Nest registers each path of the list), and the router says which one matched.
  @Get([...assets.keys()])
  @Header('Cache-Control', 'public, max-age=3600')
  async asset(@Req() req: object) {
    const asset = assets.get(this.platform.routePath(req))!;
    const content = await (asset.content ??= readFile(asset.file));
    return new StreamableFile(content, { type: asset.contentType, length: content.length });
  }
}
