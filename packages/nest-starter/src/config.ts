import type { Config } from '@rosetta/runtime';

/** The HTTP platforms Nest runs on here: its default, Express, or Fastify. */
const PLATFORMS = ['express', 'fastify'] as const;
export type PlatformName = (typeof PLATFORMS)[number];
/** The platform when NEST_ADAPTER is unset (`npm run create -- nest <dir> --platform fastify` sets it). */
export const DEFAULT_PLATFORM: PlatformName = 'express';

/**
 * The one setting of this server's own, read with the start contract (`startServices(env,
 * nestSettings)`), so a bad NEST_ADAPTER is listed with every other problem.
 */
export function nestSettings(
  env: Record<string, string | undefined>,
  problems: string[],
): { platform: PlatformName } {
  const platform = env.NEST_ADAPTER?.trim() || DEFAULT_PLATFORM;
  if (!(PLATFORMS as readonly string[]).includes(platform)) {
    problems.push(`NEST_ADAPTER must be one of ${PLATFORMS.join(', ')} (got "${platform}")`);
  }
  return { platform: platform as PlatformName };
}

/** The start contract, and `platform`: NEST_ADAPTER, or DEFAULT_PLATFORM without it. */
export type NestConfig = Config & ReturnType<typeof nestSettings>;
