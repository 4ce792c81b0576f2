import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Platform } from './platform.js';
import { PLATFORM } from './platforms.js';

/** The running platform (platform.ts) as a provider, for the few providers that differ by it. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(platform: Platform): DynamicModule {
    return {
      module: PlatformModule,
      providers: [{ provide: PLATFORM, useValue: platform }],
      exports: [PLATFORM],
    };
  }
}
