import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
  mkdirSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readTextFile,
  removeStaleTempFiles,
  TargetExistsError,
  WriteError,
  writeFileAtomic,
} from '../../electron/node/files';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'portolan-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('creates a file with the requested mode and leaves no temporary file', async () => {
    const target = join(dir, 'secret.env');
    await writeFileAtomic(target, 'A=1\n', { mode: 0o600 });
    expect(readFileSync(target, 'utf8')).toBe('A=1\n');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to replace an existing file unless asked, and keeps it intact', async () => {
    const target = join(dir, 'keep.txt');
    writeFileSync(target, 'old');
    await expect(writeFileAtomic(target, 'new')).rejects.toBeInstanceOf(TargetExistsError);
    expect(readFileSync(target, 'utf8')).toBe('old');
    await writeFileAtomic(target, 'new', { overwrite: true });
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('does not follow a dangling symlink planted at the target', async () => {
    const outside = join(dir, 'outside.txt');
    const target = join(dir, 'link.txt');
    symlinkSync(outside, target);
    await expect(writeFileAtomic(target, 'x')).rejects.toBeInstanceOf(TargetExistsError);
    expect(() => statSync(outside)).toThrow();
  });

  it('concurrent creators: exactly one wins, the file is never a mix', async () => {
    const target = join(dir, 'race.txt');
    const writers = Array.from({ length: 8 }, (_, i) =>
      writeFileAtomic(target, String(i).repeat(10_000)).then(
        () => i,
        () => -1,
      ),
    );
    const winners = (await Promise.all(writers)).filter((i) => i >= 0);
    expect(winners).toHaveLength(1);
    expect(readFileSync(target, 'utf8')).toBe(String(winners[0]).repeat(10_000));
  });

  it('a failed write leaves no temporary file behind', async () => {
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    await expect(writeFileAtomic(join(sub, 'missing', 'x.txt'), 'x')).rejects.toThrow();
    expect(readdirSync(sub)).toEqual([]);
  });
});

describe('writeFileAtomic keeps the file what it was', () => {
  const modeOf = (path: string) => statSync(path).mode & 0o7777;
  const tempsIn = (folder: string) => readdirSync(folder).filter((f) => f.endsWith('.tmp'));
  const fresh = (name: string) => {
    const d = join(dir, name);
    mkdirSync(d);
    return d;
  };

  it.each(['600', '640', '644', '664', '755', '2750'])('a replaced file keeps mode %s', async (octal) => {
    const mode = parseInt(octal, 8);
    const d = fresh(`mode-${octal}`);
    const target = join(d, 'project.portolan.yaml');
    writeFileSync(target, 'old');
    chmodSync(target, mode);
    await writeFileAtomic(target, 'new', { overwrite: true });
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(modeOf(target)).toBe(mode);
    expect(tempsIn(d)).toEqual([]);
  });

  it('an explicit mode wins over the old one (an export .env stays 0600)', async () => {
    const d = fresh('mode-explicit');
    const target = join(d, '.env');
    writeFileSync(target, 'A=1\n');
    chmodSync(target, 0o644);
    await writeFileAtomic(target, 'A=2\n', { overwrite: true, mode: 0o600 });
    expect(modeOf(target)).toBe(0o600);
  });

  it('a new file gets 0644, or 0600 when the caller asks', async () => {
    const d = fresh('mode-new');
    const previous = process.umask(0o022);
    try {
      await writeFileAtomic(join(d, 'a.yaml'), 'a');
      await writeFileAtomic(join(d, 'b.yaml'), 'b', { newFileMode: 0o600 });
      await writeFileAtomic(join(d, 'c.yaml'), 'c', { overwrite: true });
    } finally {
      process.umask(previous);
    }
    expect(modeOf(join(d, 'a.yaml'))).toBe(0o644);
    expect(modeOf(join(d, 'b.yaml'))).toBe(0o600);
    expect(modeOf(join(d, 'c.yaml'))).toBe(0o644);
  });

  it.skipIf(process.getuid?.() !== 0)('a file saved by root keeps its owner and group', async () => {
    const d = fresh('owner');
    const target = join(d, 'project.portolan.yaml');
    writeFileSync(target, 'old');
    chownSync(target, 65534, 65534);
    await writeFileAtomic(target, 'new', { overwrite: true });
    expect(statSync(target)).toMatchObject({ uid: 65534, gid: 65534 });
  });

  it('writes through a symlink when asked: the link stays, the file it names changes, mode kept', async () => {
    const d = fresh('symlink');
    mkdirSync(join(d, 'real'));
    const real = join(d, 'real', 'project.portolan.yaml');
    const link = join(d, 'link.portolan.yaml');
    writeFileSync(real, 'old');
    chmodSync(real, 0o600);
    symlinkSync(join('real', 'project.portolan.yaml'), link);
    await writeFileAtomic(link, 'new', { overwrite: true, symlinks: 'follow' });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join('real', 'project.portolan.yaml'));
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(modeOf(real)).toBe(0o600);
    // The temporary file was made beside the real file, and is gone.
    expect(tempsIn(d)).toEqual([]);
    expect(tempsIn(join(d, 'real'))).toEqual([]);
  });

  it('follows a chain of links, and links in the folder path', async () => {
    const d = fresh('symlink-chain');
    mkdirSync(join(d, 'store'));
    const real = join(d, 'store', 'p.yaml');
    writeFileSync(real, 'old');
    symlinkSync('store', join(d, 'via'));
    symlinkSync(join(d, 'via', 'p.yaml'), join(d, 'one.yaml'));
    symlinkSync('one.yaml', join(d, 'two.yaml'));
    await writeFileAtomic(join(d, 'two.yaml'), 'new', { overwrite: true, symlinks: 'follow' });
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(lstatSync(join(d, 'two.yaml')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(d, 'one.yaml')).isSymbolicLink()).toBe(true);
  });

  it('refuses a symlink by default, a dangling one, and a folder, with codes, changing nothing', async () => {
    const d = fresh('symlink-refused');
    writeFileSync(join(d, 'real.yaml'), 'old');
    symlinkSync('real.yaml', join(d, 'link.yaml'));
    symlinkSync('gone.yaml', join(d, 'dangling.yaml'));
    mkdirSync(join(d, 'folder.yaml'));
    const codeOf = (p: Promise<void>) =>
      p.then(
        () => 'ok',
        (e: unknown) => (e as WriteError).code,
      );
    expect(await codeOf(writeFileAtomic(join(d, 'link.yaml'), 'new', { overwrite: true }))).toBe('is-symlink');
    expect(
      await codeOf(writeFileAtomic(join(d, 'dangling.yaml'), 'new', { overwrite: true, symlinks: 'follow' })),
    ).toBe('broken-symlink');
    expect(await codeOf(writeFileAtomic(join(d, 'folder.yaml'), 'new', { overwrite: true }))).toBe('not-a-file');
    expect(await codeOf(writeFileAtomic(join(d, 'missing', 'x.yaml'), 'new'))).toBe('folder-missing');
    expect(readFileSync(join(d, 'real.yaml'), 'utf8')).toBe('old');
    expect(readlinkSync(join(d, 'link.yaml'))).toBe('real.yaml');
    expect(() => statSync(join(d, 'gone.yaml'))).toThrow();
    expect(readdirSync(d).sort()).toEqual(['dangling.yaml', 'folder.yaml', 'link.yaml', 'real.yaml']);
  });

  it('the existing-target refusal is a coded WriteError too', async () => {
    const d = fresh('exists');
    writeFileSync(join(d, 'a.yaml'), 'old');
    const error = await writeFileAtomic(join(d, 'a.yaml'), 'new').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetExistsError);
    expect(error).toBeInstanceOf(WriteError);
    expect(error).toMatchObject({ code: 'exists', errno: 'EEXIST' });
  });

  it('removes stale temporary files beside the file a symlink names', async () => {
    const d = fresh('stale');
    mkdirSync(join(d, 'real'));
    writeFileSync(join(d, 'real', 'j.json'), '{}');
    writeFileSync(join(d, 'real', '.j.json.0123456789ab.tmp'), 'partial');
    writeFileSync(join(d, 'real', '.j.json.notours.tmp'), 'keep');
    symlinkSync(join('real', 'j.json'), join(d, 'j.json'));
    expect(await removeStaleTempFiles(join(d, 'j.json'))).toBe(1);
    expect(readdirSync(join(d, 'real')).sort()).toEqual(['.j.json.notours.tmp', 'j.json']);
  });
});

describe('readTextFile', () => {
  it('reads UTF-8 text, keeping a byte order mark out of the text', async () => {
    writeFileSync(join(dir, 'bom.yaml'), '\uFEFFformat: 1\n');
    expect(await readTextFile(join(dir, 'bom.yaml'), 1000)).toEqual({ ok: true, text: 'format: 1\n' });
  });

  it('refuses by size before reading, and refuses bytes that are not UTF-8', async () => {
    writeFileSync(join(dir, 'big.yaml'), 'x'.repeat(101));
    expect(await readTextFile(join(dir, 'big.yaml'), 100)).toMatchObject({ ok: false, code: 'file-too-large' });
    writeFileSync(join(dir, 'bin.yaml'), Buffer.from([0xc3, 0x28]));
    expect(await readTextFile(join(dir, 'bin.yaml'), 100)).toMatchObject({ ok: false, code: 'not-utf8' });
  });
});
