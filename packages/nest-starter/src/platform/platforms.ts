import type { PlatformName } from '../config.js';
import { expressPlatform } from './express.js';
import { fastifyPlatform } from './fastify.js';
import type { Platform } from './platform.js';

const platforms: Record<PlatformName, Platform> = {
  express: expressPlatform,
  fastify: fastifyPlatform,
};

/** The provider token of the running platform, for the few providers that differ by it. */
export const PLATFORM = Symbol('Platform');

/** The platform `NEST_ADAPTER` chose. */
export function platformOf(name: PlatformName): Platform {
  return platforms[name];
}
