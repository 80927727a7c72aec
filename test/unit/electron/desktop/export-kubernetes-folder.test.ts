/**
 * The Kubernetes target saved from the editor to a folder: what the dialog sends
 * (renderer/src/export/save-files.ts) through main's guard and writer (export-files.ts) gives
 * the nested tree with its modes, and a second export into the folder (after "Replace") keeps
 * the Secret the operator filled in, as the CLI's `--overwrite` does.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { existingExportFiles, writeExportReporting } from '../../../../electron/node/export-files';
import { seededRandom } from '../../../../shared/export/index';
import { exportTarget } from '../../../../shared/export/targets';
import { exportRequestProblem } from '../../../../shared/ipc/index';
import { filesToSave } from '../../../../renderer/src/export/save-files';
import { template } from '../../../support/fixtures';

const base = mkdtempSync(join(tmpdir(), 'portolan-k8s-folder-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const kubernetes = exportTarget('kubernetes')!;

function exported(seed: number) {
  const r = kubernetes.run(template('ha'), { random: seededRandom(seed) });
  if (!r.ok) throw new Error('fixture does not export');
  return r.files;
}

describe('desktop export of the Kubernetes target', () => {
  it('writes base/, overlays/production/ and secrets/ with their modes, then keeps the filled-in Secret', async () => {
    const folder = join(base, 'out');
    mkdirSync(folder);
    const first = filesToSave(exported(1), { platform: 'desktop', keep: kubernetes.keep });
    expect(exportRequestProblem({ files: first.files, folderName: 'ha-kubernetes' })).toBeNull();
    await writeExportReporting(folder, 'ha-kubernetes', first.files, { overwrite: false });
    const root = join(folder, 'ha-kubernetes');
    for (const f of first.files) {
      expect(readFileSync(join(root, f.path), 'utf8')).toBe(f.contents);
      expect(statSync(join(root, f.path)).mode & 0o777, f.path).toBe(f.mode);
    }
    expect(statSync(join(root, 'secrets/secret.yaml')).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'overlays/production/kustomization.yaml')).isFile()).toBe(true);

    // The operator fills in the licence; the next export, confirmed as a replace, leaves it.
    const secretPath = join(root, 'secrets/secret.yaml');
    const filled = readFileSync(secretPath, 'utf8').replace(/NEXTAUTH_LICENSE: ""/, 'NEXTAUTH_LICENSE: "ACME-7"');
    expect(filled).toContain('ACME-7');
    writeFileSync(secretPath, filled);
    const second = exported(2);
    const existing = (await existingExportFiles(root, second)).map((p) => p.slice(root.length + 1));
    expect(existing).toContain('secrets/secret.yaml');
    const plan = filesToSave(second, { platform: 'desktop', keep: kubernetes.keep, existing });
    expect(plan.kept).toEqual(['secrets/secret.yaml']);
    await writeExportReporting(folder, 'ha-kubernetes', plan.files, { overwrite: true });
    expect(readFileSync(secretPath, 'utf8')).toBe(filled);
    expect(statSync(secretPath).mode & 0o777).toBe(0o600);
    // Everything else is the new export.
    const readme = second.find((f) => f.path === 'README.md')!;
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toBe(readme.contents);
  });
});
