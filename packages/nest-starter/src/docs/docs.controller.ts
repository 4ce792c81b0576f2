import { readFileSync } from 'node:fs';
import { Controller, Get, Header, Req, StreamableFile } from '@nestjs/common';
import type { Request } from 'express';
import { docsAssets, docsPage, openapiDocument } from '@rosetta/shared-contract';
import { Public } from '../auth/public.decorator.js';

// Read once, by the route that serves each: exactly the files the page loads, so any other name under
// /docs/ is a plain 404 (and never 405), as in the other starters.
const assets = new Map(
  Object.entries(docsAssets).map(([name, { file, contentType }]) => [
    `/docs/${name}`,
    { content: readFileSync(file), contentType },
  ]),
);

/** `/openapi.json`, `/docs`, and the files the docs page loads. */
@Public()
@Controller()
export class DocsController {
  @Get('openapi.json')
  openapi() {
    return openapiDocument;
  }

  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  page() {
    return docsPage;
  }

  // One route per file (Nest registers each path of the list), and Express says which one matched.
  @Get([...assets.keys()])
  @Header('Cache-Control', 'public, max-age=3600')
  asset(@Req() req: Request) {
    const { content, contentType } = assets.get(req.route.path as string)!;
    return new StreamableFile(content, { type: contentType, length: content.length });
  }
}
