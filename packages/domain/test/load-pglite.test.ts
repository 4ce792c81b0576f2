import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const loader = fileURLToPath(new URL('../src/database/load-pglite.ts', import.meta.url));

/**
 * Two PGlite databases, one after the other, each answering a few hundred queries (every one a round of
 * WASM-to-JavaScript calls), in a child process whose V8 collects dead WebAssembly code at every chance
 * and logs what it frees. `load` is how the child gets PGlite's module.
 */
async function wasmCodeFreed(load: string): Promise<string> {
  const script = `
    const { PGlite } = await ${load};
    for (let k = 0; k < 2; k++) {
      const db = await PGlite.create();
      for (let i = 0; i < 300; i++) await db.query('SELECT $1::int AS n', [i]);
      await db.close();
    }`;
  const { stdout, stderr } = await run(
    process.execPath,
    [
      '--stress-wasm-code-gc',
      '--trace-wasm-code-gc',
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      script,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout + stderr;
}

describe('loadPGlite', () => {
  it('keeps V8 from tiering up and freeing the wrappers PGlite calls JavaScript through', async () => {
    const [plain, loaded] = await Promise.all([
      wasmCodeFreed(`import('@electric-sql/pglite')`),
      wasmCodeFreed(`import(${JSON.stringify(loader)}).then((m) => m.loadPGlite())`),
    ]);
    // The control: imported as is, V8 tiers the wrappers up and frees the generic ones, the path on
    // which it has aborted.
    expect(plain).toMatch(/Freeing \d+ wrappers/);
    expect(loaded).toMatch(/\[wasm-gc\]/);
    expect(loaded).not.toMatch(/Freeing \d+ wrappers/);
  }, 120_000);
});
