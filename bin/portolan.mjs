#!/usr/bin/env node
// Entry of the `portolan` command. The CLI is bundled into out/cli by `npm run build:cli`
// (run automatically by `npm install` through the `prepare` script).
let cli;
try {
  cli = await import('../out/cli/portolan.js');
} catch (error) {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('out/cli')) {
    process.stderr.write('portolan: the CLI is not built yet; run `npm run build:cli` in the Portolan folder\n');
    process.exit(2);
  }
  throw error;
}
process.exitCode = await cli.main(process.argv.slice(2));
