import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The CLI is bundled (shared/ + electron/node + electron/cli, templates inlined as text) into
// one ES module that plain `node` runs; npm dependencies stay external.
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  define: { __PORTOLAN_VERSION__: JSON.stringify(version) },
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'out/cli',
    emptyOutDir: true,
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      input: { portolan: resolve('electron/cli/index.ts') },
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
});
