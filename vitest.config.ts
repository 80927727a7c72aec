import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const tests = (folder: string) => [`test/${folder}/**/*.test.ts`, `test/${folder}/**/*.test.tsx`];

/*
 * Three projects that mirror how much of the world a test needs:
 * - unit: pure modules (shared/, the renderer's logic, electron/node decisions), in-process,
 *   no tools, no network — the fast lane, `npm run test:unit`;
 * - integration: the real tools (docker-compose, nginx, HAProxy, Caddy, openssl), the built CLI,
 *   child processes, real file systems and faults, loopback servers;
 * - e2e: the built editor in Debian's Chromium.
 * `npm test` runs all three.
 */
export default defineConfig({
  // Projects extend this root config, so each sees the define.
  define: { __PORTOLAN_VERSION__: JSON.stringify(version) },
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: tests('unit'), environment: 'node', testTimeout: 30_000 } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: tests('integration'),
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: { name: 'e2e', include: tests('e2e'), environment: 'node', testTimeout: 30_000, hookTimeout: 120_000 },
      },
    ],
  },
});
