// Express 5's hello-world, as its guide writes it: what the Express starter is measured against.
import express from 'express';

const app = express();
app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});

const server = app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
