export {
  envSchema,
  loadConfig,
  loadConfigOrExit,
  type Config,
  type ServerTimeouts,
} from './config.js';
export { createLogger, redactPaths } from './logger.js';
export { Metrics, openApiPath, UNMATCHED_ROUTE } from './metrics.js';
export { listeningUrl, startServices, type AppDeps, type Services } from './services.js';
export { closeOnSignal, gracefulClose } from './shutdown.js';
export { activeTracing, startTracing, tracingConfigured } from './tracing.js';
export { proxyTrust, type TrustProxy } from './trust-proxy.js';
export { withFallback, type HitStore } from './rate-limit-fallback.js';
