// Nest 12 on its Fastify adapter.
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { address, HelloModule } from './nest-app.js';

const app = await NestFactory.create<NestFastifyApplication>(HelloModule, new FastifyAdapter());
app.enableShutdownHooks(['SIGTERM'], { useProcessExit: true });
await app.listen(address.port, address.host);
