import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's folder (the CLI runs from `dist/`, the tests from `src/` through Vitest). */
export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * targets.json, beside this package's package.json: every starter the suite knows, as a path relative
 * to this package, and where reports go. It is data rather than code so that a project generated from
 * one starter (`npm run create`) can point the same suite at itself. Adding a framework is one line
 * there, plus a devDependency on its package so turbo builds it before the suite runs.
 */
interface Registry {
  reportsDir: string;
  starters: Record<string, string>;
}
const registry = JSON.parse(readFileSync(join(packageDir, 'targets.json'), 'utf8')) as Registry;

export const starters: Readonly<Record<string, string>> = registry.starters;
/** Where `<target>.json` and `<target>/server.log` are written. */
export const reportsDir = resolve(packageDir, registry.reportsDir);

/** What the suite runs against: a starter it boots, or a server someone else runs. */
export type Target =
  | { kind: 'starter'; name: string; packageDir: string }
  | {
      kind: 'url';
      name: string;
      baseUrl: string;
      /** Known only if the caller says; tests that forge tokens need it. */
      jwtSecret?: string;
      admin?: { email: string; password: string };
      /** An origin the server's CORS allows. */
      corsOrigin?: string;
      /** The server's AUTH_RATE_LIMIT_MAX, if known. */
      authRateLimitMax?: number;
    };

export function isStarterName(name: string): boolean {
  return Object.hasOwn(starters, name);
}

/** A registered starter as a target, checking it was built (the harness never builds). */
export function starterTarget(name: string): Target & { kind: 'starter' } {
  if (!isStarterName(name)) {
    throw new Error(`Unknown target "${name}". Known: ${Object.keys(starters).join(', ')}.`);
  }
  const dir = resolve(packageDir, starters[name]!);
  if (!existsSync(join(dir, 'dist', 'server.js'))) {
    throw new Error(
      `${name}: ${join(dir, 'dist', 'server.js')} is missing. Build first (npm run build at the repo root).`,
    );
  }
  return { kind: 'starter', name, packageDir: dir };
}

/** A name for a URL target, for report files and the matrix: `url-localhost-3000`. */
export function urlTargetName(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `url-${url.hostname}${url.port ? `-${url.port}` : ''}`.replace(/[^A-Za-z0-9.-]/g, '-');
}
