// @ts-check
/**
 * The CLI bundle's entry, out/cli/portolan.js (vite.cli.config.ts copies this file there): it
 * runs the bundle, out/cli/portolan.cjs, with V8's code cache, and exports its `main`.
 *
 * Why: Node 20 compiles every module from source on every start, and a command such as
 * `portolan render` spends a fifth of its time compiling the bundle and, function by function,
 * the code it runs. `npm run build:cli` runs the CLI once and keeps what V8 compiled in
 * portolan.cjs.cache; later starts take the compiled code from there. The cache is only a speed-up:
 * V8 refuses one written by another Node or for other source (the bundle then compiles as usual),
 * and the CLI never writes it while running a command.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const BUNDLE = fileURLToPath(new URL('./portolan.cjs', import.meta.url));
const CACHE = `${BUNDLE}.cache`;

/** The file's bytes, or undefined when it cannot be read. */
function readOptional(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

let source;
try {
  source = readFileSync(BUNDLE, 'utf8');
} catch (error) {
  // As if the bundle were imported: bin/portolan.mjs then says to build the CLI.
  throw Object.assign(new Error(`Cannot find module '${BUNDLE}'`, { cause: error }), { code: 'ERR_MODULE_NOT_FOUND' });
}

// The wrapper of Node's own CommonJS loader, so the bundle runs as if `require`d.
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: BUNDLE,
  cachedData: readOptional(CACHE),
});
const bundle = { exports: /** @type {Record<string, unknown>} */ ({}) };
script.runInThisContext()(bundle.exports, createRequire(BUNDLE), bundle, BUNDLE, dirname(BUNDLE));

/** @type {(argv: readonly string[], io?: { out: (text: string) => void; err: (text: string) => void }) => Promise<0 | 1 | 2>} */
export const main = /** @type {never} */ (bundle.exports.main);

/**
 * Writes the code cache of what has run so far in this process (the build calls it after running
 * a few commands). Written whole or not at all.
 */
export function writeCodeCache() {
  const temporary = `${CACHE}.${process.pid}.tmp`;
  writeFileSync(temporary, script.createCachedData());
  renameSync(temporary, CACHE);
}
