// Hono 4's hello-world on Node, through @hono/node-server as the Hono starter runs.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/health', (c) => c.json({ status: 'ok' }));

const server = serve({
  fetch: app.fetch,
  port: Number(process.env.PORT),
  hostname: process.env.HOST ?? '127.0.0.1',
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
