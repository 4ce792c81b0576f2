import { Module } from '@nestjs/common';
import { UsersController } from './users.controller.js';

/** The users feature: its controller. The service it calls is the domain's, from DomainModule. */
@Module({ controllers: [UsersController] })
export class UsersModule {}
