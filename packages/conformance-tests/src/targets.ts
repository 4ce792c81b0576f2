import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's folder (the CLI runs from `dist/`, the tests from `src/` through Vitest). */
export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * targets.json, beside this package's package.json: every starter the suite knows, as a path relative
 * to this package, and where reports go. It is data rather than code so that a project generated from
 * one starter (`npm run create`) can point the same suite at itself. Adding a framework is one line
 * there, plus a devDependency on its package so turbo builds it before the suite runs. A variant is
 * a registered starter started with extra settings (Nest on Fastify: `NEST_ADAPTER=fastify`), tested
 * and reported as a target of its own.
 */
interface Registry {
  reportsDir: string;
  /** The HAProxy config the compose stack uses, which the harness puts in front of two instances. */
  haproxyConfig?: string;
  starters: Record<string, string>;
  variants?: Record<string, Variant>;
}
export interface Variant {
  /** The registered starter it runs. */
  starter: string;
  /** What it sets, on top of the start contract, in every process of it the suite starts. */
  env: Record<string, string>;
}
const registry = JSON.parse(readFileSync(join(packageDir, 'targets.json'), 'utf8')) as Registry;

export const starters: Readonly<Record<string, string>> = registry.starters;
export const variants: Readonly<Record<string, Variant>> = registry.variants ?? {};
/** Every name `--target` takes, and `--all` runs: the starters, each followed by its variants. */
export const targetNames: readonly string[] = Object.keys(starters).flatMap((name) => [
  name,
  ...Object.keys(variants).filter((variant) => variants[variant]!.starter === name),
]);
/** Where `<target>.json` and `<target>/server.log` are written. */
export const reportsDir = resolve(packageDir, registry.reportsDir);
/** deploy/haproxy/haproxy.cfg, when this checkout has it. */
export const haproxyConfig =
  registry.haproxyConfig && existsSync(resolve(packageDir, registry.haproxyConfig))
    ? resolve(packageDir, registry.haproxyConfig)
    : undefined;

/** What the suite runs against: a starter it boots, or a server someone else runs. */
export type Target =
  | {
      kind: 'starter';
      name: string;
      packageDir: string;
      /** Settings of a variant, given to every process of it (empty for a plain starter). */
      env: Record<string, string>;
    }
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

function isStarterName(name: string): boolean {
  return Object.hasOwn(starters, name) || Object.hasOwn(variants, name);
}

/** A registered starter or variant as a target, checking it was built (the harness never builds). */
export function starterTarget(name: string): Target & { kind: 'starter' } {
  if (!isStarterName(name)) {
    throw new Error(`Unknown target "${name}". Known: ${targetNames.join(', ')}.`);
  }
  const variant = Object.hasOwn(variants, name) ? variants[name] : undefined;
  const dir = resolve(packageDir, starters[variant?.starter ?? name]!);
  if (!existsSync(join(dir, 'dist', 'server.js'))) {
    throw new Error(
      `${name}: ${join(dir, 'dist', 'server.js')} is missing. Build first (npm run build at the repo root).`,
    );
  }
  return { kind: 'starter', name, packageDir: dir, env: variant?.env ?? {} };
}

/** A name for a URL target, for report files and the matrix: `url-localhost-3000`. */
export function urlTargetName(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `url-${url.hostname}${url.port ? `-${url.port}` : ''}`.replace(/[^A-Za-z0-9.-]/g, '-');
}
