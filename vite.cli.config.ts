import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

// The CLI is bundled (shared/ + electron/node + electron/cli, templates inlined as text) into
// out/cli/portolan.cjs, which out/cli/portolan.js (electron/cli/loader.mjs) runs with V8's code
// cache. yaml, commander and fflate are bundled too: loaded from node_modules, Node resolves and
// compiles some sixty files of theirs on every start. The packages that draw PNG and PDF
// (native resvg, pdfkit) stay external and are loaded only by the commands that need them.
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const OUT = resolve('out/cli');

/**
 * The commands whose compiled code goes into the cache: a picture and a check of every template
 * (the project loader, diagram, router, SVG writer and rules — what `render` and `validate` spend
 * their time in). Code they do not reach is compiled when first run, as without a cache.
 */
const WARM_UP = `
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const cli = await import(${JSON.stringify(pathToFileURL(resolve(OUT, 'portolan.js')).href)});
const dir = mkdtempSync(join(tmpdir(), 'portolan-code-cache-'));
const quiet = { out: () => {}, err: () => {} };
try {
  for (const id of ['default', 'manual', 'ha']) {
    const file = ${JSON.stringify(resolve('shared/templates'))} + '/' + id + '.portolan.yaml';
    await cli.main(['render', file, '--out', join(dir, id + '.svg')], quiet);
    await cli.main(['validate', file], quiet);
  }
  cli.writeCodeCache();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
`;

function cliLoader(): Plugin {
  return {
    name: 'portolan-cli-loader',
    apply: 'build',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'portolan.js',
        source: readFileSync('electron/cli/loader.mjs', 'utf8'),
      });
    },
    closeBundle() {
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', WARM_UP], { stdio: 'inherit' });
      // No cache only makes the CLI start slower; say so, but the bundle is fine.
      if (run.status !== 0) this.warn(`no code cache for the CLI (warm-up exited ${run.status ?? run.signal})`);
    },
  };
}

export default defineConfig({
  define: { __PORTOLAN_VERSION__: JSON.stringify(version) },
  // yaml's ES module build (the one the editor bundles); its `node` export is CommonJS.
  resolve: { alias: { yaml: resolve('node_modules/yaml/browser/index.js') } },
  ssr: { noExternal: ['yaml', 'commander', 'fflate'] },
  plugins: [cliLoader()],
  build: {
    ssr: true,
    target: 'node20',
    outDir: OUT,
    emptyOutDir: true,
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      input: { portolan: resolve('electron/cli/index.ts') },
      // CommonJS, because Node 20 has a code cache for scripts only. `import()` of an external
      // becomes `require`: a script run through node:vm cannot import without a Node flag.
      // Without the JSDoc comments (the source map still leads to them): every start reads the
      // bundle whole, and a fifth less of it is ~2 ms less per command.
      output: {
        format: 'cjs',
        entryFileNames: '[name].cjs',
        strict: true,
        dynamicImportInCjs: false,
        comments: { legal: true, annotation: true, jsdoc: false },
      },
    },
  },
});
