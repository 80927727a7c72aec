/**
 * Runs Electronegativity's scanner on a folder and writes SARIF, without touching the network:
 * the scanner fetches fresh translations with `got` on start, so `got` is replaced by a stub
 * that always fails (the bundled English texts are used), and the one check that downloads
 * Electron's release list is excluded by the caller.
 *
 * Usage: node electronegativity.mjs <input folder> <output.sarif> [excluded check,…]
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [input, output, excluded = ''] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: electronegativity.mjs <input> <output.sarif> [excluded checks]');
  process.exit(2);
}

const requireFromScanner = createRequire(
  join(process.cwd(), 'node_modules', '@doyensec', 'electronegativity', 'dist', 'runner.js'),
);
const gotPath = requireFromScanner.resolve('got');
const offline = () => Promise.reject(new Error('network disabled in tests'));
requireFromScanner.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };

const run = requireFromScanner('./runner.js');
const result = await run(
  {
    input,
    output,
    isSarif: true,
    customScan: [],
    excludeFromScan: excluded.split(',').filter(Boolean),
    isRelative: true,
    isVerbose: false,
    parserPlugins: [],
  },
  false,
);
if (result.errors.length > 0) {
  console.error(JSON.stringify(result.errors, null, 2));
  process.exit(1);
}
