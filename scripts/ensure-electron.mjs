#!/usr/bin/env node
// postinstall: fetch Electron's runtime where that is possible, and never fail the install
// where it is not. npm's allowScripts denies electron's own install script on purpose: on a
// machine that cannot reach Electron's download host that script would fail `npm install`.
// Here the same download is tried, bounded in time, and a failure is one line of output —
// `npm start` then serves the editor in the browser instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0);

const require = createRequire(import.meta.url);
let electronDir;
try {
  electronDir = dirname(require.resolve('electron/package.json'));
} catch {
  process.exit(0); // installed without devDependencies: nothing to fetch
}
if (existsSync(join(electronDir, 'path.txt'))) process.exit(0);

const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
  cwd: electronDir,
  stdio: ['ignore', 'ignore', 'pipe'],
  timeout: 180_000,
});
if (result.status !== 0 || !existsSync(join(electronDir, 'path.txt'))) {
  console.log(
    'portolan: the Electron runtime could not be downloaded here; `npm start` will serve the editor in your browser instead.',
  );
}
