// Nest 12 on its default adapter, Express.
import { NestFactory } from '@nestjs/core';
import { address, HelloModule } from './nest-app.js';

const app = await NestFactory.create(HelloModule);
app.enableShutdownHooks(['SIGTERM'], { useProcessExit: true });
await app.listen(address.port, address.host);
