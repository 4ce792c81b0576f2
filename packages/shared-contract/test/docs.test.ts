import { access } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { docsAssets, docsPage } from '../src/index.js';

describe('the docs page', () => {
  it('loads only assets that exist', async () => {
    const referenced = [...docsPage.matchAll(/(?:src|href)="\/docs\/([^"]+)"/g)].map((m) => m[1]);
    expect(referenced.sort()).toEqual(Object.keys(docsAssets).sort());
    for (const asset of Object.values(docsAssets))
      await expect(access(asset.file)).resolves.toBeUndefined();
  });

  it('has no inline script, so a strict Content-Security-Policy allows it', () => {
    expect(docsPage).not.toMatch(/<script>(?!<\/script>)/);
    expect(docsPage).not.toMatch(/<script[^>]*>[^<]+<\/script>/);
  });
});
