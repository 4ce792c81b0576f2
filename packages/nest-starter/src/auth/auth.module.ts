import {
  type DynamicModule,
  Inject,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  type OnApplicationShutdown,
  RequestMethod,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import type { Config } from '@rosetta/runtime';
import { noStore } from '../http/no-store.js';
import { AuthController } from './auth.controller.js';
import { JwtGuard } from './jwt.guard.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';

const REDIS = Symbol('Redis');

/**
 * Authentication: the `/auth` routes, the rate limit of its credential endpoints, and the JwtGuard
 * that every other route passes (an APP_GUARD is global wherever it is provided). With `redis` the
 * rate limit counts in Redis, shared by every instance (`redis-throttler.storage.ts`), and this module
 * closes that client on shutdown, as DomainModule closes the domain; without it, in memory.
 */
@Module({})
export class AuthModule implements NestModule, OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  static forRoot({ max, windowSeconds }: Config['authRateLimit'], redis?: Redis): DynamicModule {
    return {
      module: AuthModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [{ limit: max, ttl: windowSeconds * 1000 }],
          ...(redis && { storage: new RedisThrottlerStorage(redis) }),
        }),
      ],
      controllers: [AuthController],
      providers: [
        { provide: APP_GUARD, useClass: JwtGuard },
        { provide: REDIS, useValue: redis ?? null },
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    // quit() waits for replies still due; with Redis down there are none to wait for.
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(noStore).forRoutes({ path: 'auth{/*rest}', method: RequestMethod.ALL });
  }
}
