import { type Config, ConfigError, loadConfig } from '@rosetta/domain';

/**
 * Reads the start contract from the environment, or stops the process. A bad deployment should fail at
 * once and say everything that is wrong, not boot and fail on the first request that needs the bad key.
 * This runs before a logger exists (the log level is itself config), so it writes to stderr directly.
 */
export function loadConfigOrExit(env: Record<string, string | undefined>): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error('Invalid configuration; fix these environment variables:');
    for (const problem of error.problems) console.error(`  - ${problem}`);
    process.exit(1);
  }
}
