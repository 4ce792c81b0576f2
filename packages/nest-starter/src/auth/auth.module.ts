import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { NextFunction, Request, Response } from 'express';
import type { Config } from '@rosetta/domain';
import { AuthController } from './auth.controller.js';
import { JwtGuard } from './jwt.guard.js';

/**
 * Authentication: the `/auth` routes, the rate limit of its credential endpoints, and the JwtGuard
 * that every other route passes (an APP_GUARD is global wherever it is provided).
 */
@Module({})
export class AuthModule implements NestModule {
  static forRoot({ max, windowSeconds }: Config['authRateLimit']): DynamicModule {
    return {
      module: AuthModule,
      imports: [ThrottlerModule.forRoot([{ limit: max, ttl: windowSeconds * 1000 }])],
      controllers: [AuthController],
      providers: [{ provide: APP_GUARD, useClass: JwtGuard }],
    };
  }

  // Responses under /auth carry tokens or credentials' outcomes, so no cache may keep them (RFC 6749
  // §5.1): errors too, a 429 from the rate-limit guard included, hence middleware, which runs first.
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply((_req: Request, res: Response, next: NextFunction) => {
        res.set('Cache-Control', 'no-store');
        next();
      })
      .forRoutes({ path: 'auth{/*rest}', method: RequestMethod.ALL });
  }
}
