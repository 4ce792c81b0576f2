import { type Config, ConfigError, loadConfig } from '@rosetta/domain';

/** The HTTP platforms Nest runs on here: its default, Express, or Fastify. */
export const PLATFORMS = ['express', 'fastify'] as const;
export type PlatformName = (typeof PLATFORMS)[number];
/** The platform when NEST_ADAPTER is unset (`npm run create -- nest <dir> --platform fastify` sets it). */
export const DEFAULT_PLATFORM: PlatformName = 'express';

/** The start contract every starter reads, and the one setting only this starter has. */
export interface NestConfig extends Config {
  /** `NEST_ADAPTER`: the platform under Nest (default DEFAULT_PLATFORM). */
  platform: PlatformName;
}

/**
 * Reads the start contract and `NEST_ADAPTER` from the environment; throws a ConfigError listing every
 * problem in both at once.
 */
export function loadNestConfig(env: Record<string, string | undefined>): NestConfig {
  const problems: string[] = [];
  const platform = env.NEST_ADAPTER?.trim() || DEFAULT_PLATFORM;
  if (!(PLATFORMS as readonly string[]).includes(platform)) {
    problems.push(`NEST_ADAPTER must be one of ${PLATFORMS.join(', ')} (got "${platform}")`);
  }
  let config: Config | undefined;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.unshift(...error.problems);
  }
  if (problems.length > 0 || !config) throw new ConfigError(problems);
  return { ...config, platform: platform as PlatformName };
}

/**
 * Reads the start contract from the environment, or stops the process. A bad deployment should fail at
 * once and say everything that is wrong, not boot and fail on the first request that needs the bad key.
 * This runs before a logger exists (the log level is itself config), so it writes to stderr directly.
 */
export function loadConfigOrExit(env: Record<string, string | undefined>): NestConfig {
  try {
    return loadNestConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error('Invalid configuration; fix these environment variables:');
    for (const problem of error.problems) console.error(`  - ${problem}`);
    process.exit(1);
  }
}
