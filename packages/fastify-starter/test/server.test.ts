import { fileURLToPath } from 'node:url';
import { describeServerLifecycle } from '@rosetta/test-support';

// Start-up and the drain are the runtime's; this checks that server.ts wires them to Fastify's server.
describeServerLifecycle('Fastify', fileURLToPath(new URL('../dist/server.js', import.meta.url)));
