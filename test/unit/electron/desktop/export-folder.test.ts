/**
 * The editor's "export to folder" (`export:saveAll` → `writeExport`) re-exports like the CLI:
 * the operator's `.env` values are kept, links inside the folder are refused, and a failure
 * leaves the previous export as it was, with a coded error.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExportWriteError, writeExport, writeExportReporting } from '../../../../electron/node/export-files';
import { nodeExportFs, type ExportFs } from '../../../../electron/node/export-writer';
import { exportProject, seededRandom } from '../../../../shared/export/index';
import { template } from '../../../support/fixtures';

const base = mkdtempSync(join(tmpdir(), 'portolan-export-folder-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const d = join(base, `f${++n}`);
  mkdirSync(d);
  return d;
};

/** What the export dialog sends: every file of an export, as plain payloads. */
function payload(seed: number) {
  const r = exportProject(template('manual'), { random: seededRandom(seed) });
  if (!r.ok) throw new Error('fixture does not export');
  return r.files.map((f) => ({ path: f.path, contents: f.contents, mode: f.mode }));
}

describe('desktop export to a folder', () => {
  it('a second export into the same folder keeps the .env the operator edited', async () => {
    const folder = fresh();
    const root = await writeExport(folder, 'acme', payload(1), { overwrite: false });
    const edited = readFileSync(join(root, '.env'), 'utf8').replace(
      /^NEXTAUTH_LICENSE=$/m,
      "NEXTAUTH_LICENSE='issued to ACME #7'",
    );
    writeFileSync(join(root, '.env'), edited);

    const result = await writeExportReporting(folder, 'acme', payload(2), { overwrite: true });
    expect(result.env?.kept).toHaveLength(7);
    expect(result.env?.generated).toEqual([]);
    expect(readFileSync(join(root, '.env'), 'utf8')).toBe(edited);
    expect(statSync(join(root, '.env')).mode & 0o777).toBe(0o600);
    expect(readdirSync(root).sort()).toEqual(['.env', 'DEPLOYMENT.md', 'docker-compose.yml', 'nginx']);
  });

  it('refuses a symlinked folder inside the export folder with a code', async () => {
    const folder = fresh();
    mkdirSync(join(folder, 'acme'));
    mkdirSync(join(folder, 'elsewhere'));
    symlinkSync(join(folder, 'elsewhere'), join(folder, 'acme', 'nginx'));
    const attempt = writeExport(folder, 'acme', payload(1), { overwrite: true });
    await expect(attempt).rejects.toBeInstanceOf(ExportWriteError);
    await expect(attempt).rejects.toMatchObject({ code: 'export-symlink' });
    expect(readdirSync(join(folder, 'elsewhere'))).toEqual([]);
    expect(readdirSync(join(folder, 'acme'))).toEqual(['nginx']);
  });

  it('a rename that fails mid-swap leaves the previous export byte-identical', async () => {
    const folder = fresh();
    const root = await writeExport(folder, 'acme', payload(1), { overwrite: false });
    const before = Object.fromEntries(
      ['.env', 'DEPLOYMENT.md', 'docker-compose.yml', 'nginx/nginx.conf'].map((p) => [p, readFileSync(join(root, p))]),
    );
    let renames = 0;
    const failing: ExportFs = {
      ...nodeExportFs,
      rename: async (from, to) => {
        if (++renames === 3) throw Object.assign(new Error('EACCES: injected'), { code: 'EACCES' });
        return nodeExportFs.rename(from, to);
      },
    };
    const attempt = writeExport(folder, 'acme', payload(2), { overwrite: true, fs: failing });
    await expect(attempt).rejects.toMatchObject({
      code: 'export-permission-denied',
      message:
        'export-permission-denied: permission denied while moving nginx/nginx.conf into place; the previous export is unchanged',
    });
    for (const [path, bytes] of Object.entries(before)) expect(readFileSync(join(root, path)), path).toEqual(bytes);
    expect(readdirSync(root).sort()).toEqual(['.env', 'DEPLOYMENT.md', 'docker-compose.yml', 'nginx']);
  });
});
