import { Module } from '@nestjs/common';
import { TasksController } from './tasks.controller.js';

/** The tasks feature: its controller. The service it calls is the domain's, from DomainModule. */
@Module({ controllers: [TasksController] })
export class TasksModule {}
