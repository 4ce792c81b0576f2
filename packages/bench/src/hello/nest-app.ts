// Nest's hello-world: one module, one controller, as `nest new` generates it. The two hello/nest*.ts
// entry points run it on each of Nest's HTTP adapters.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';

@Controller('health')
class HealthController {
  @Get()
  live() {
    return { status: 'ok' };
  }
}

@Module({ controllers: [HealthController] })
export class HelloModule {}

export const address = {
  port: Number(process.env.PORT),
  host: process.env.HOST ?? '127.0.0.1',
};
