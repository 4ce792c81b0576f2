import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { ListTasksQuery, Principal, TasksService } from '@rosetta/domain';
import {
  type CreateTaskRequest,
  formatEtag,
  ifNoneMatchHits,
  parseIfMatch,
  type UpdateTaskRequest,
} from '@rosetta/shared-contract';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { TASKS_SERVICE } from '../domain.module.js';
import { Contract } from '../http/contract.decorator.js';

/**
 * `/tasks`: each user's own tasks. ETags are the task's version, issued here and nowhere else (the
 * app's automatic ETags are off), and conditional requests are answered here, explicitly. Handlers that
 * set headers take the response with `passthrough`, so Nest still sends what they return; they use only
 * `header()` and `status()`, which Express's response and Fastify's reply both have.
 */
/** The part of the platform's response the handlers use. */
interface ResponseHeaders {
  header(name: string, value: string): unknown;
  status(code: number): unknown;
}

@Controller('tasks')
export class TasksController {
  constructor(@Inject(TASKS_SERVICE) private readonly tasks: TasksService) {}

  @Post()
  @Contract('createTask')
  async create(
    @CurrentUser() me: Principal,
    @Body() body: CreateTaskRequest,
    @Res({ passthrough: true }) res: ResponseHeaders,
  ) {
    const { task, version } = await this.tasks.create(me, body);
    res.header('Location', `/tasks/${task.id}`);
    res.header('ETag', formatEtag(version));
    return task;
  }

  @Get()
  @Contract('listTasks')
  list(@CurrentUser() me: Principal, @Query() query: ListTasksQuery) {
    return this.tasks.list(me, query);
  }

  @Get(':id')
  @Contract('getTask')
  async get(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Headers('If-None-Match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) res: ResponseHeaders,
  ) {
    const { task, version } = await this.tasks.get(me, id);
    res.header('ETag', formatEtag(version));
    // RFC 9110 §13.1.2: a matching If-None-Match on GET is 304, with the ETag and no body.
    if (ifNoneMatchHits(ifNoneMatch, version)) {
      res.status(304);
      return;
    }
    return task;
  }

  @Patch(':id')
  @Contract('updateTask')
  async update(
    @CurrentUser() me: Principal,
    @Param('id') id: string,
    @Body() body: UpdateTaskRequest,
    @Headers('If-Match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: ResponseHeaders,
  ) {
    const { task, version } = await this.tasks.update(me, id, body, parseIfMatch(ifMatch));
    res.header('ETag', formatEtag(version));
    return task;
  }

  @Delete(':id')
  @HttpCode(204)
  @Contract('deleteTask')
  remove(@CurrentUser() me: Principal, @Param('id') id: string) {
    return this.tasks.remove(me, id);
  }
}
