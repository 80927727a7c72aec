import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// One config for the three Electron bundles. The renderer is also what `portolan serve`
// hands to a plain browser, so it uses relative asset paths (base './').
export default defineConfig({
  main: {
    // fflate's pure build: its Node build declares a `require` of its own (for worker threads,
    // which main never uses), clashing with the one the ESM bundle defines.
    // yaml's ES module build likewise (its Node build requires `process` and `buffer` by bare name).
    resolve: {
      alias: [
        { find: /^fflate$/, replacement: 'fflate/browser' },
        { find: /^yaml$/, replacement: resolve('node_modules/yaml/browser/index.js') },
      ],
    },
    build: {
      outDir: 'out/main',
      // The package ships no node_modules: main bundles fflate, which reads the project a
      // picture carries (Open and the command line accept pictures; shared/render/embedded.ts),
      // and yaml, which reads the compose files "Import compose…" hands to main (import:run).
      externalizeDeps: { exclude: ['fflate', 'yaml'] },
      rolldownOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads must be CommonJS.
      rolldownOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves bundles unminified by default; the renderer is also served to
      // browsers by `portolan serve`, so ship it small.
      minify: true,
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
