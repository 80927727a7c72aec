/**
 * The export writer is all or nothing: a failure at any step of a re-export — every call it
 * makes, one at a time — leaves the previous export byte-identical (same files, same modes, no
 * temporary files), and the error names the real cause. Faults are injected through `ExportFs`;
 * test/scripts/reexport.sh does the same with a real full disk.
 */
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportProject, seededRandom, type ExportFile } from '../../../shared/export/index';
import type { ProxyFlavour } from '../../../shared/model/types';
import { getTemplate } from '../../../shared/templates/index';
import { exportCommand } from '../../../electron/cli/export';
import {
  nodeExportFs,
  writeExportFiles,
  type ExportFs,
  type ExportWriteCode,
} from '../../../electron/node/export-writer';
import { template } from '../../support/fixtures';

const base = mkdtempSync(join(tmpdir(), 'portolan-export-writer-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let counter = 0;
const fresh = () => {
  const d = join(base, `case-${++counter}`);
  mkdirSync(d);
  return d;
};

function files(seed: number, proxy?: ProxyFlavour): readonly ExportFile[] {
  const r = exportProject(template('manual'), { random: seededRandom(seed), ...(proxy ? { proxy } : {}) });
  if (!r.ok) throw new Error('fixture does not export');
  return r.files;
}

/** Everything under `root`, not following links: path → mode and bytes (or the link's target). */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      const st = lstatSync(join(root, path));
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isSymbolicLink()) out[path] = `link -> ${readlinkSync(join(root, path))}`;
      else if (st.isDirectory()) {
        out[`${path}/`] = mode;
        walk(path);
      } else out[path] = `${mode} ${readFileSync(join(root, path)).toString('base64')}`;
    }
  };
  walk('');
  return out;
}

/** Node's error shape for an injected system error. */
function systemError(errno: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${errno}: injected, ${syscall} '${path}'`), { code: errno, syscall, path });
}

type Op = keyof ExportFs;
interface Fault {
  readonly op: Op;
  readonly nth: number;
  readonly errno: string;
}

/** The real file system, recording each call, failing the `nth` call of `op` when asked. */
function faulty(fault?: Fault): { fs: ExportFs; calls: Op[]; fired: () => boolean } {
  const calls: Op[] = [];
  const counts = new Map<Op, number>();
  let fired = false;
  const fs = {} as Record<Op, (...args: never[]) => Promise<unknown>>;
  for (const op of Object.keys(nodeExportFs) as Op[]) {
    const real = nodeExportFs[op] as (...args: unknown[]) => Promise<unknown>;
    fs[op] = async (...args: unknown[]) => {
      calls.push(op);
      const n = (counts.get(op) ?? 0) + 1;
      counts.set(op, n);
      if (fault && fault.op === op && fault.nth === n) {
        fired = true;
        // A disk that fills up mid-file: half of it reaches the disk first.
        if (op === 'writeFile') await real(args[0], String(args[1]).slice(0, String(args[1]).length / 2), args[2]);
        throw systemError(fault.errno, op, String(args[0]));
      }
      return real(...args);
    };
  }
  return { fs: fs as unknown as ExportFs, calls, fired: () => fired };
}

/** An earlier export the operator has edited: license filled in, a secret changed, a note added. */
function previousExport(): string {
  const parent = fresh();
  const out = join(parent, 'deploy');
  const written = files(1);
  mkdirSync(out);
  for (const f of written) {
    mkdirSync(join(out, f.path, '..'), { recursive: true });
    writeFileSync(join(out, f.path), f.contents, { mode: f.mode });
  }
  const env = readFileSync(join(out, '.env'), 'utf8')
    .replace(/^NEXTAUTH_LICENSE=$/m, "NEXTAUTH_LICENSE='LIC 2026 #1'")
    .replace(/^MYSQL_PASSWORD=.*$/m, 'MYSQL_PASSWORD=chosen-by-ops');
  writeFileSync(join(out, '.env'), `${env}# rotated by ops\nLEGACY=1\n`);
  return out;
}

const CAUSE: Record<string, [ExportWriteCode, string]> = {
  ENOSPC: ['export-disk-full', 'no space left on device'],
  EACCES: ['export-permission-denied', 'permission denied'],
  EROFS: ['export-read-only', 'read-only file system'],
  EIO: ['export-io', 'EIO'],
};
const ERRNO_FOR: Partial<Record<Op, string>> = {
  writeFile: 'ENOSPC',
  mkdir: 'EACCES',
  rename: 'EROFS',
  link: 'ENOSPC',
  syncFolder: 'EIO',
};

/** Each call of the writer that can fail (creating, writing, syncing, linking, renaming), as a fault. */
function faultPoints(calls: readonly Op[]): Fault[] {
  const seen = new Map<Op, number>();
  const points: Fault[] = [];
  for (const op of calls) {
    const nth = (seen.get(op) ?? 0) + 1;
    seen.set(op, nth);
    const errno = ERRNO_FOR[op];
    if (errno) points.push({ op, nth, errno });
  }
  return points;
}

describe('all or nothing: a re-export into an existing folder', () => {
  const next = files(2, 'haproxy'); // another proxy: a new folder (haproxy/) next to the old nginx/

  it('swaps every file in, keeps the operator .env values and leaves no temporary file', async () => {
    const out = previousExport();
    const r = await writeExportFiles(out, next, { overwrite: true });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.replaced).toEqual(['docker-compose.yml', '.env', 'DEPLOYMENT.md']);
    expect(r.env?.kept).toContain('MYSQL_PASSWORD');
    expect(r.env?.unused).toEqual(['LEGACY']);
    const after = snapshot(out);
    expect(Object.keys(after).filter((p) => p.includes('portolan-export'))).toEqual([]);
    expect(after['haproxy/haproxy.cfg']).toBe(
      `644 ${Buffer.from(next.find((f) => f.path === 'haproxy/haproxy.cfg')!.contents).toString('base64')}`,
    );
    expect(after['.env']!.startsWith('600 ')).toBe(true);
    expect(after['nginx/nginx.conf']).toBeDefined(); // not part of this export: left alone
    const env = readFileSync(join(out, '.env'), 'utf8').split('\n');
    expect(env).toContain("NEXTAUTH_LICENSE='LIC 2026 #1'");
    expect(env).toContain('MYSQL_PASSWORD=chosen-by-ops');
    expect(env).toContain('# LEGACY=1');
    expect(env).toContain('# rotated by ops');
  });

  it('fails at every step in turn and each time leaves the previous export byte-identical', async () => {
    const probe = faulty();
    expect((await writeExportFiles(previousExport(), next, { overwrite: true, fs: probe.fs })).ok).toBe(true);
    const points = faultPoints(probe.calls);
    // The writer really has steps of each kind to fail: staging, backups, swap, syncs.
    for (const op of ['mkdir', 'writeFile', 'syncFolder', 'link', 'rename'] as const)
      expect(points.filter((p) => p.op === op).length, op).toBeGreaterThan(0);
    expect(points.filter((p) => p.op === 'rename').length).toBe(next.length);

    let failures = 0;
    for (const fault of points) {
      const out = previousExport();
      const parent = join(out, '..');
      const before = snapshot(parent);
      const run = faulty(fault);
      const r = await writeExportFiles(out, next, { overwrite: true, fs: run.fs });
      const where = `${fault.op} #${fault.nth} ${fault.errno}`;
      expect(run.fired(), where).toBe(true);
      expect(r.ok, where).toBe(false);
      if (r.ok) continue;
      failures++;
      const [code, reason] = CAUSE[fault.errno]!;
      expect(r.error.code, where).toBe(code);
      expect(r.error.message, where).toMatch(
        new RegExp(`^${code}: .*${reason}.* while .*; the previous export is unchanged$`),
      );
      expect(snapshot(parent), where).toEqual(before);
    }
    expect(failures).toBe(points.length);
  });

  it('names the file being written when the disk fills up', async () => {
    const out = previousExport();
    const r = await writeExportFiles(out, next, {
      overwrite: true,
      fs: faulty({ op: 'writeFile', nth: 2, errno: 'ENOSPC' }).fs,
    });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'export-disk-full',
        message: 'export-disk-full: no space left on device while writing .env; the previous export is unchanged',
      },
    });
  });

  it('a failed undo says where the previous files are, and keeps them there', async () => {
    const out = previousExport();
    const previousEnv = readFileSync(join(out, '.env'), 'utf8');
    // The 2nd swap (.env) fails, and so does putting back the 1st (the undo is the 3rd rename).
    const run = faulty({ op: 'rename', nth: 2, errno: 'EROFS' });
    const renameOnce = run.fs.rename;
    let renames = 0;
    const fs: ExportFs = {
      ...run.fs,
      rename: async (from, to) => {
        if (++renames === 3) throw systemError('EIO', 'rename', to);
        return renameOnce(from, to);
      },
    };
    const r = await writeExportFiles(out, next, { overwrite: true, fs });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(
      /^export-read-only: .*; could not put back docker-compose\.yml: the previous files are in .*\.previous$/,
    );
    const kept = /the previous files are in (.*)$/.exec(r.error.message)![1]!;
    expect(readFileSync(join(kept, '.env'), 'utf8')).toBe(previousEnv);
    expect(readFileSync(join(kept, 'docker-compose.yml'), 'utf8')).toBe(files(1)[0]!.contents);
  });

  it('keeps copies where the file system has no hard links', async () => {
    const out = previousExport();
    const noLinks: ExportFs = {
      ...nodeExportFs,
      link: async (_a, b) => Promise.reject(systemError('EPERM', 'link', b)),
    };
    const r = await writeExportFiles(out, next, { overwrite: true, fs: noLinks });
    expect(r.ok).toBe(true);
  });

  it('tells about a temporary folder an interrupted export left', async () => {
    const out = previousExport();
    mkdirSync(join(out, '.portolan-export-0123456789ab.tmp'));
    const r = await writeExportFiles(out, next, { overwrite: true });
    expect(r.ok && r.warnings).toEqual([
      `${join(out, '.portolan-export-0123456789ab.tmp')} is left from an interrupted export (it may hold the files it replaced); delete it once checked`,
    ]);
  });
});

describe('all or nothing: an export into a new folder', () => {
  const next = files(3);

  it('appears whole, with .env 0600 and the rest 0644 whatever the umask', async () => {
    const out = join(fresh(), 'a', 'b', 'deploy');
    const r = await writeExportFiles(out, next, { overwrite: false });
    expect(r.ok).toBe(true);
    const after = snapshot(out);
    for (const f of next) expect(after[f.path]!.split(' ')[0], f.path).toBe(f.mode === 0o600 ? '600' : '644');
  });

  it('fails at every step in turn and each time leaves nothing behind', async () => {
    const probe = faulty();
    expect((await writeExportFiles(join(fresh(), 'x', 'deploy'), next, { overwrite: false, fs: probe.fs })).ok).toBe(
      true,
    );
    const points = faultPoints(probe.calls);
    expect(points.length).toBeGreaterThan(next.length);
    for (const fault of points) {
      const parent = fresh();
      const run = faulty(fault);
      const r = await writeExportFiles(join(parent, 'x', 'deploy'), next, { overwrite: false, fs: run.fs });
      const where = `${fault.op} #${fault.nth} ${fault.errno}`;
      expect(run.fired(), where).toBe(true);
      if (r.ok) {
        // Only the last sync of the parent comes after the folder is in place: it is reported, not undone.
        expect(r.warnings.join(), where).toMatch(/^could not sync /);
        expect(Object.keys(snapshot(join(parent, 'x', 'deploy'))).length).toBeGreaterThanOrEqual(next.length);
        continue;
      }
      expect(r.error.message, where).toMatch(/; nothing was written$/);
      expect(readdirSync(parent), where).toEqual([]);
    }
  });
});

describe('refused before anything is written', () => {
  const next = files(4);

  it('a symlinked folder inside --out is refused, not followed', async () => {
    const parent = fresh();
    const elsewhere = join(parent, 'elsewhere');
    mkdirSync(elsewhere);
    const out = join(parent, 'deploy');
    mkdirSync(out);
    symlinkSync(elsewhere, join(out, 'nginx'));
    const r = await writeExportFiles(out, next, { overwrite: true });
    expect(r.ok || r.error.code).toBe('export-symlink');
    expect(!r.ok && r.error.message).toContain('nginx in ');
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readdirSync(out)).toEqual(['nginx']);
  });

  it('a symlinked file inside --out is refused, not written through', async () => {
    const parent = fresh();
    writeFileSync(join(parent, 'secret-elsewhere'), 'keep\n');
    const out = join(parent, 'deploy');
    mkdirSync(out);
    symlinkSync(join(parent, 'secret-elsewhere'), join(out, '.env'));
    const r = await writeExportFiles(out, next, { overwrite: true });
    expect(r.ok || r.error.code).toBe('export-symlink');
    expect(readFileSync(join(parent, 'secret-elsewhere'), 'utf8')).toBe('keep\n');
  });

  it('--out itself may be a link to a folder: the export is written in that folder', async () => {
    const parent = fresh();
    mkdirSync(join(parent, 'real'));
    symlinkSync(join(parent, 'real'), join(parent, 'deploy'));
    const r = await writeExportFiles(join(parent, 'deploy'), next, { overwrite: false });
    expect(r.ok && r.folder).toBe(join(parent, 'real'));
    expect(lstatSync(join(parent, 'deploy')).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(parent, 'real')).sort()).toEqual(['.env', 'DEPLOYMENT.md', 'docker-compose.yml', 'nginx']);
  });

  it.each(['/proc/self/portolan-export', '/proc/portolan/deep/er', '/sys/kernel/portolan'])(
    '--out %s is refused at once, without spinning',
    async (out) => {
      const started = Date.now();
      const r = await writeExportFiles(out, next, { overwrite: true });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(r.ok || r.error.code).toBe('export-special-filesystem');
    },
  );

  it('a kernel file system is recognised by its type too (a link into /proc, a bind mount)', async () => {
    const parent = fresh();
    const procLike: ExportFs = { ...nodeExportFs, fsType: async () => 0x9fa0 };
    const r = await writeExportFiles(join(parent, 'deploy'), next, { overwrite: false, fs: procLike });
    expect(r.ok || r.error.message).toMatch(/^export-special-filesystem: .* is on proc, a kernel file system/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('an existing .env that cannot be read safely stops the export with its line:column', async () => {
    const out = previousExport();
    writeFileSync(join(out, '.env'), "A=1\nNEXTAUTH_LICENSE='unterminated\nB=2\n");
    const before = snapshot(out);
    const r = await writeExportFiles(out, next, { overwrite: true });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('env-unterminated-quote');
    expect(r.error.location).toEqual({ file: join(out, '.env'), line: 2, column: 18 });
    expect(snapshot(out)).toEqual(before);
  });

  it('without overwrite, existing files refuse the export and are listed', async () => {
    const out = previousExport();
    const before = snapshot(out);
    const r = await writeExportFiles(out, next, { overwrite: false });
    expect(r.ok || [r.error.code, r.error.paths]).toEqual([
      'export-exists',
      ['docker-compose.yml', '.env', 'nginx/nginx.conf', 'DEPLOYMENT.md'],
    ]);
    expect(snapshot(out)).toEqual(before);
  });
});

describe('portolan export reports a failed write with its code and exit 2', () => {
  it('disk full: exit 2, the cause and the file, the previous export unchanged', async () => {
    const out = previousExport();
    const parent = join(out, '..');
    writeFileSync(join(parent, 'p.portolan.yaml'), getTemplate('manual')!.text);
    const before = snapshot(out);
    const err: string[] = [];
    const code = await exportCommand(
      join(parent, 'p.portolan.yaml'),
      { out, overwrite: true, fs: faulty({ op: 'writeFile', nth: 3, errno: 'ENOSPC' }).fs },
      { out: () => undefined, err: (t) => err.push(t) },
    );
    expect(code).toBe(2);
    expect(err.join('')).toMatch(
      /^portolan: export-disk-full: no space left on device while writing \S+; the previous export is unchanged\n$/,
    );
    expect(snapshot(out)).toEqual(before);
  });
});
