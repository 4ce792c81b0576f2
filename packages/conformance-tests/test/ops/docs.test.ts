import { describe, expect, it } from 'vitest';
import { client } from '../support/api.js';

/** Where the page loads scripts and styles from, as server paths. */
function assetsOf(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
}

describe('GET /docs', () => {
  it('returns 200 with an HTML page', async () => {
    const res = await client().get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toMatch(/<html/i);
  });

  it('loads every script and stylesheet it references, each with a fitting content type', async () => {
    const page = await client().get('/docs');
    const assets = assetsOf(page.text);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      // The assets are not operations of the contract; what matters is that they load.
      const res = await client().get(new URL(asset, 'http://x/docs').pathname, { unchecked: true });
      expect(res.status, asset).toBe(200);
      expect(res.text.length, asset).toBeGreaterThan(0);
      const type = res.headers.get('content-type') ?? '';
      if (asset.endsWith('.js')) expect(type, asset).toMatch(/javascript/);
      if (asset.endsWith('.css')) expect(type, asset).toMatch(/text\/css/);
    }
  });

  it('runs no inline script, and its Content-Security-Policy lets it load its own scripts', async () => {
    const page = await client().get('/docs');
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
    const csp = page.headers.get('content-security-policy') ?? '';
    const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? /default-src ([^;]+)/.exec(csp)?.[1];
    expect(scriptSrc, `CSP: ${csp}`).toMatch(/'self'/);
  });

  it('points the reference at /openapi.json', async () => {
    const page = await client().get('/docs');
    const sources = await Promise.all(
      assetsOf(page.text)
        .filter((a) => a.endsWith('.js'))
        .map(
          async (a) =>
            (await client().get(new URL(a, 'http://x/docs').pathname, { unchecked: true })).text,
        ),
    );
    expect([page.text, ...sources].some((text) => text.includes('/openapi.json'))).toBe(true);
  });
});
