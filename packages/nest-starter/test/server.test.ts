import { fileURLToPath } from 'node:url';
import { describeServerLifecycle } from '@rosetta/test-support';
import { DEFAULT_PLATFORM } from '../src/config.js';

// Start-up and the drain are the runtime's; this checks that server.ts wires them to Nest's app, on
// the platform NEST_ADAPTER names (so `NEST_ADAPTER=fastify npm test` checks Nest on Fastify).
const platform = process.env.NEST_ADAPTER || DEFAULT_PLATFORM;
describeServerLifecycle(
  `Nest on ${platform}`,
  fileURLToPath(new URL('../dist/server.js', import.meta.url)),
  { NEST_ADAPTER: platform },
);
