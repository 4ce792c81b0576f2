import type { Capabilities } from './coverage.js';
import type { DbKind } from './database.js';

/** What the CLI hands every test file through Vitest's `provide`/`inject`. Plain data only. */
export interface ConformanceContext {
  target: string;
  kind: 'starter' | 'url';
  baseUrl: string;
  /** The starter's package folder, to boot a second instance of it. Starter targets only. */
  packageDir?: string;
  jwtSecret?: string;
  admin?: { email: string; password: string };
  /** An origin the target's CORS policy allows. */
  corsOrigin?: string;
  /** The target's AUTH_RATE_LIMIT_MAX, when known. */
  authRateLimitMax?: number;
  /** Where extra databases come from: the same kind the target runs on. */
  database: { kind: DbKind; adminUrl?: string };
  /** A scratch folder for this target's run: coverage records, extra servers' logs. */
  runDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    conformance: ConformanceContext;
  }
}

export function capabilitiesOf(context: ConformanceContext): Capabilities {
  return { bootable: context.kind === 'starter' && !!context.packageDir, admin: !!context.admin };
}
