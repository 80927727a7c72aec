/**
 * The export dialog's pure choices around targets (renderer/src/export/target-choice.ts,
 * save-files.ts, file-tree.ts): the remembered target, the folder name, the flavours offered,
 * what "Save all" sends, and the file tree of the preview.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom, type ExportFile } from '../../../shared/export/index';
import { exportTarget } from '../../../shared/export/targets';
import { EXPORT_FILE_MODES, exportRequestProblem } from '../../../shared/ipc/index';
import { fileTree, type TreeRow } from '../../../renderer/src/export/file-tree';
import { filesToSave, isKept } from '../../../renderer/src/export/save-files';
import {
  AS_DRAWN,
  exportFolderName,
  flavourOptions,
  initialFlavour,
  readStoredTarget,
  shownFlavour,
  storeTarget,
  TARGET_KEY,
} from '../../../renderer/src/export/target-choice';
import { template } from '../../support/fixtures';

const compose = exportTarget('compose')!;
const kubernetes = exportTarget('kubernetes')!;

function kubernetesFiles(): readonly ExportFile[] {
  const result = kubernetes.run(template('ha'), { random: seededRandom(5) });
  if (!result.ok) throw new Error('the ha template does not export to Kubernetes');
  return result.files;
}

const memoryStorage = (initial: Record<string, string> = {}) => {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
};

describe('the remembered target', () => {
  it('opens on the last target chosen, and on compose for anything else storage holds', () => {
    const storage = memoryStorage();
    expect(readStoredTarget(storage)).toBe('compose');
    storeTarget(storage, 'kubernetes');
    expect(storage.data.get(TARGET_KEY)).toBe('kubernetes');
    expect(readStoredTarget(storage)).toBe('kubernetes');
    for (const junk of ['Kubernetes', 'swarm ', '__proto__', 'constructor', '', '{"id":"kubernetes"}'])
      expect(readStoredTarget(memoryStorage({ [TARGET_KEY]: junk }))).toBe('compose');
  });

  it('survives storage that refuses (privacy settings) or is missing', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readStoredTarget(refusing)).toBe('compose');
    expect(() => storeTarget(refusing, 'kubernetes')).not.toThrow();
    expect(readStoredTarget(undefined)).toBe('compose');
  });
});

describe('the folder an export is saved as', () => {
  it('keeps compose’s name and gives another target its own, from any project name', () => {
    expect(exportFolderName('Acme Auth (EU)', 'compose')).toBe('acme-auth-eu-deployment');
    expect(exportFolderName('Acme Auth (EU)', 'kubernetes')).toBe('acme-auth-eu-kubernetes');
    expect(exportFolderName('…', 'kubernetes')).toBe('portolan-kubernetes');
  });

  it('is always a name main accepts (shared/ipc), whatever the project is called', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('compose', 'kubernetes' as const), (name, id) => {
        const folderName = exportFolderName(name, id);
        expect(exportRequestProblem({ files: [{ path: 'a.yaml', contents: '', mode: 0o644 }], folderName })).toBe(null);
      }),
    );
  });
});

describe('the flavours offered', () => {
  it('offers compose every flavour and Kubernetes its two controllers, "As drawn" only for a mixed drawing', () => {
    expect(flavourOptions(compose, ['nginx']).map((o) => o.id)).toEqual(['nginx', 'haproxy', 'caddy', 'traefik']);
    expect(flavourOptions(kubernetes, ['nginx']).map((o) => o.label)).toEqual(['ingress-nginx', 'Traefik']);
    expect(flavourOptions(kubernetes, ['caddy', 'traefik']).map((o) => o.id)).toEqual([AS_DRAWN, 'nginx', 'traefik']);
  });

  it('opens on the drawing’s flavour, and shows a choice a target lacks as the flavour its exporter falls back to', () => {
    expect(initialFlavour([])).toBe('nginx');
    expect(initialFlavour(['caddy'])).toBe('caddy');
    expect(initialFlavour(['caddy', 'nginx'])).toBe(AS_DRAWN);
    const k8s = flavourOptions(kubernetes, ['haproxy']);
    expect(shownFlavour('haproxy', k8s)).toBe('nginx');
    expect(shownFlavour('traefik', k8s)).toBe('traefik');
    // Back on compose the architect's own choice is there again.
    expect(shownFlavour('haproxy', flavourOptions(compose, ['haproxy']))).toBe('haproxy');
    expect(shownFlavour(AS_DRAWN, flavourOptions(kubernetes, ['nginx']))).toBe('nginx');
  });
});

describe('what "Save all" sends', () => {
  it('to the desktop: only the modes main accepts, the Secret still private, and a request main’s guard passes', () => {
    const files = kubernetesFiles();
    expect(files.find((f) => f.path === 'secrets/apply.sh')?.mode).toBe(0o755);
    const plan = filesToSave(files, { platform: 'desktop', keep: kubernetes.keep });
    expect(plan.kept).toEqual([]);
    expect(plan.files.map((f) => f.path)).toEqual(files.map((f) => f.path));
    for (const f of plan.files) expect(EXPORT_FILE_MODES).toContain(f.mode);
    expect(plan.files.find((f) => f.path === 'secrets/secret.yaml')?.mode).toBe(0o600);
    expect(plan.files.find((f) => f.path === 'secrets/apply.sh')?.mode).toBe(0o644);
    expect(exportRequestProblem({ files: plan.files, folderName: 'x-kubernetes' })).toBeNull();
    // What the page would have sent without it, main refuses.
    expect(exportRequestProblem({ files, folderName: 'x-kubernetes' })).toMatch(/mode 0o755/);
  });

  it('to a zip: every mode as the exporter wrote it', () => {
    const files = kubernetesFiles();
    expect(filesToSave(files, { platform: 'browser' }).files).toEqual(files);
  });

  it('any other mode maps to 0600 when private and 0644 otherwise', () => {
    const file = (mode: number): ExportFile => ({ path: 'x', contents: '', mode });
    const modes = (ms: number[]) => filesToSave(ms.map(file), { platform: 'desktop' }).files.map((f) => f.mode);
    expect(modes([0o700, 0o400, 0o755, 0o777, 0o4755, 0o640, 0o600, 0o644])).toEqual([
      0o600, 0o600, 0o644, 0o644, 0o644, 0o644, 0o600, 0o644,
    ]);
  });

  it('replacing: leaves out the file the operator filled in when the folder has it, and only then', () => {
    const files = kubernetesFiles();
    const withSecret = filesToSave(files, {
      platform: 'desktop',
      keep: kubernetes.keep,
      existing: ['README.md', 'secrets/secret.yaml'],
    });
    expect(withSecret.kept).toEqual(['secrets/secret.yaml']);
    expect(withSecret.files.map((f) => f.path)).not.toContain('secrets/secret.yaml');
    expect(withSecret.files).toHaveLength(files.length - 1);
    // main on Windows names them with backslashes.
    expect(
      filesToSave(files, { platform: 'desktop', keep: kubernetes.keep, existing: ['secrets\\secret.yaml'] }).kept,
    ).toEqual(['secrets/secret.yaml']);
    const without = filesToSave(files, { platform: 'desktop', keep: kubernetes.keep, existing: ['README.md'] });
    expect(without.kept).toEqual([]);
    expect(without.files).toHaveLength(files.length);
    // Compose keeps nothing whole: the writer merges its .env.
    expect(filesToSave(files, { platform: 'desktop', keep: compose.keep, existing: ['.env'] }).kept).toEqual([]);
  });

  it('keeps every existing file under a folder `keep`, and nothing a prefix only resembles', () => {
    const f = (path: string): ExportFile => ({ path, contents: 'x', mode: 0o600 });
    const files = ['stack.yml', 'secrets/values/A', 'secrets/values/B', 'secrets/values-old', 'secrets/create.sh'].map(
      f,
    );
    const plan = filesToSave(files, {
      platform: 'browser',
      keep: 'secrets/values/',
      existing: ['secrets/values/A', 'secrets/values-old', 'stack.yml'],
    });
    expect(plan.kept).toEqual(['secrets/values/A']);
    expect(plan.files.map((x) => x.path)).toEqual([
      'stack.yml',
      'secrets/values/B',
      'secrets/values-old',
      'secrets/create.sh',
    ]);
    expect(isKept('secrets/values', 'secrets/values/')).toBe(false);
    expect(isKept('anything', '')).toBe(false);
  });
});

describe('the file tree of the preview', () => {
  const paths = (rows: TreeRow[]) =>
    rows.map((r) => `${'  '.repeat(r.depth)}${r.kind === 'folder' ? `${r.name}/` : r.name}`);

  it('heads each folder as it is entered, in the exporter’s order', () => {
    const files = kubernetesFiles();
    const rows = fileTree(files);
    const shown = paths(rows);
    expect(shown.slice(0, 2)).toEqual(['base/', '  namespace.yaml']);
    expect(shown).toEqual(
      expect.arrayContaining(['overlays/', '  production/', '    kustomization.yaml', 'secrets/', '  secret.yaml']),
    );
    expect(shown.at(-1)).toBe('README.md');
    // Every file once, in order, with its index.
    const fileRows = rows.filter((r) => r.kind === 'file');
    expect(fileRows.map((r) => r.file)).toEqual(files);
    expect(fileRows.map((r) => r.index)).toEqual(files.map((_, i) => i));
  });

  it('heads a folder again when the order comes back to it, and never heads a folder with no file under it', () => {
    const f = (path: string): ExportFile => ({ path, contents: '', mode: 0o644 });
    expect(paths(fileTree(['a/x', 'b/y', 'a/z', 'a/b/c/d', 'top'].map(f)))).toEqual([
      'a/',
      '  x',
      'b/',
      '  y',
      'a/',
      '  z',
      '  b/',
      '    c/',
      '      d',
      'top',
    ]);
  });

  it('for any paths: each file once in order, each under the headings of its folders', () => {
    const segment = fc.constantFrom('a', 'b', 'c');
    fc.assert(
      fc.property(fc.uniqueArray(fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'))), (list) => {
        const rows = fileTree(list.map((path) => ({ path, contents: '', mode: 0o644 })));
        const open: string[] = [];
        const seen: string[] = [];
        for (const row of rows) {
          open.length = row.depth;
          if (row.kind === 'folder') open.push(row.name);
          else {
            expect([...open, row.name].join('/')).toBe(row.file.path);
            seen.push(row.file.path);
          }
        }
        expect(seen).toEqual(list);
      }),
    );
  });
});
