import { inject } from 'vitest';
import '../../src/context.js';
import { capabilitiesOf } from '../../src/context.js';

/** The target under test, as the CLI provided it. */
export const ctx = inject('conformance');
export const capabilities = capabilitiesOf(ctx);
