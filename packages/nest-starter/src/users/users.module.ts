import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { noStore } from '../http/no-store.js';
import { UsersController } from './users.controller.js';

/** The users feature: its controller. The service it calls is the domain's, from DomainModule. */
@Module({ controllers: [UsersController] })
export class UsersModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(noStore).forRoutes({ path: 'users{/*rest}', method: RequestMethod.ALL });
  }
}
