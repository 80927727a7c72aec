import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  mkdirSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTextFile, TargetExistsError, writeFileAtomic } from '../electron/node/files';

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
