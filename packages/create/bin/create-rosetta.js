#!/usr/bin/env node
// Runs the built tool: `npm run create` (or turbo) builds dist/ first.
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
