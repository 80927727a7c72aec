/**
 * Re-exporting a project with hosts (issue 16) merges each host's `.env` the way the single
 * folder's is merged: the operator's values stay, per file. A secret two hosts share that the
 * operator changed on one host only is kept there — and the writer warns, naming the variable and
 * the files, never a value.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportProject, seededRandom, type ExportFile } from '../../../shared/export/index';
import { writeExportFiles } from '../../../electron/node/export-writer';
import { parseDotenv } from '../../support/compose-env';
import { haOnThreeHosts } from '../../support/host-variants';

const base = mkdtempSync(join(tmpdir(), 'portolan-hosts-reexport-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const files = (seed: number): readonly ExportFile[] => {
  const r = exportProject(haOnThreeHosts(), { random: seededRandom(seed) });
  if (!r.ok) throw new Error('export refused');
  return r.files;
};
const envAt = (out: string, host: string) => parseDotenv(readFileSync(join(out, 'hosts', host, '.env'), 'utf8')).vars;
const setIn = (out: string, host: string, name: string, value: string) => {
  const path = join(out, 'hosts', host, '.env');
  writeFileSync(path, readFileSync(path, 'utf8').replace(new RegExp(`^${name}=.*$`, 'm'), `${name}=${value}`));
};

describe('re-exporting a project with hosts', () => {
  it("keeps each host's .env values and writes every host .env 0600", async () => {
    const out = join(base, 'keep');
    const first = await writeExportFiles(out, files(1), { overwrite: false });
    expect(first.ok).toBe(true);
    for (const host of ['edge', 'app-b', 'app-c']) {
      expect(statSync(join(out, 'hosts', host, '.env')).mode & 0o777, host).toBe(0o600);
      setIn(out, host, 'NEXTAUTH_LICENSE', 'license-from-nextauth');
    }
    setIn(out, 'app-c', 'PORTOLAN_HOST_APP_C_ADDRESS', '10.0.1.3');
    setIn(out, 'edge', 'PORTOLAN_HOST_APP_C_ADDRESS', '10.0.1.3');
    const secret = envAt(out, 'edge').get('NEXTAUTH_ROOT_API_KEY');

    // Another seed would generate other secrets: the kept ones win, in every file.
    const again = await writeExportFiles(out, files(2), { overwrite: true });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.warnings).toEqual([]);
    expect(again.env?.kept).toEqual(expect.arrayContaining(['NEXTAUTH_LICENSE', 'NEXTAUTH_ROOT_API_KEY']));
    for (const host of ['edge', 'app-b', 'app-c']) {
      const env = envAt(out, host);
      expect(env.get('NEXTAUTH_LICENSE'), host).toBe('license-from-nextauth');
      expect(env.get('NEXTAUTH_ROOT_API_KEY'), host).toBe(secret);
    }
    expect(envAt(out, 'app-c').get('PORTOLAN_HOST_APP_C_ADDRESS')).toBe('10.0.1.3');
  });

  it('warns when a value the hosts share differs between their .env files, without the value', async () => {
    const out = join(base, 'drift');
    expect((await writeExportFiles(out, files(1), { overwrite: false })).ok).toBe(true);
    setIn(out, 'app-b', 'NEXTAUTH_ROOT_API_KEY', 'rotated-on-app-b-only');
    const again = await writeExportFiles(out, files(1), { overwrite: true });
    if (!again.ok) throw new Error(again.error.message);
    expect(envAt(out, 'app-b').get('NEXTAUTH_ROOT_API_KEY')).toBe('rotated-on-app-b-only');
    expect(again.warnings).toHaveLength(1);
    expect(again.warnings[0]).toMatch(
      /^NEXTAUTH_ROOT_API_KEY differs between hosts\/app-b\/\.env, hosts\/app-c\/\.env, hosts\/edge\/\.env/,
    );
    expect(again.warnings.join('\n')).not.toContain('rotated-on-app-b-only');
  });
});
