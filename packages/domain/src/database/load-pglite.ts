import { setFlagsFromString } from 'node:v8';

/**
 * V8 calls an imported JavaScript function from WebAssembly through a generic wrapper, and after
 * `--wasm-wrapper-tiering-budget` calls (1000 by default) compiles a specialised one and frees the
 * generic code. On Node 24's V8 (13.6) that free has aborted a process hosting PGlite, whose WASM calls
 * into JavaScript for all its I/O: `Check failed: jit_page.has_value()` from
 * Runtime_TierUpWasmToJSWrapper through WasmImportWrapperCache::Free. With the budget out of reach the
 * wrapper never tiers up, so that path never runs (`--trace-wasm-code-gc` then logs no "Freeing …
 * wrappers"), at a cost within noise on PGlite's query throughput. The budget is read when a module is
 * instantiated, so it has to be set before the first PGlite starts; it touches only WebAssembly.
 */
const NEVER = 2 ** 31 - 1;

/** PGlite's module, loaded on first use, with V8 set up to run it safely. */
export async function loadPGlite() {
  setFlagsFromString(`--wasm-wrapper-tiering-budget=${NEVER}`);
  return import('@electric-sql/pglite');
}
