/**
 * The browser edition saves the export as one zip (renderer/src/export/zip.ts): every file must
 * come back byte for byte, keep its mode (0600 for `.env`), and unpack into one folder — checked
 * with fflate and with the real `unzip`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportProject, seededRandom, type ExportFile } from '../../../shared/export/index';
import { loadProject } from '../../../shared/format/index';
import { getTemplate } from '../../../shared/templates/index';
import { zipExport } from '../../../renderer/src/export/zip';
import { needTool } from '../../support/tools';

function exportedFiles(template: string): readonly ExportFile[] {
  const loaded = loadProject(getTemplate(template)!.text);
  if (!loaded.ok) throw new Error(`template ${template} does not load`);
  const result = exportProject(loaded.project, { random: seededRandom(7) });
  if (!result.ok) throw new Error(`template ${template} does not export`);
  return result.files;
}

interface CentralEntry {
  readonly name: string;
  readonly madeBy: number;
  readonly mode: number;
}

/** Reads the central directory (APPNOTE 4.3.12): name, "version made by" OS and the Unix mode. */
function centralDirectory(zip: Uint8Array): CentralEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error('no end of central directory record');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: CentralEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    entries.push({
      name: strFromU8(zip.subarray(at + 46, at + 46 + nameLength)),
      madeBy: view.getUint8(at + 5),
      mode: view.getUint32(at + 38, true) >>> 16,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('zipExport', () => {
  for (const template of ['default', 'manual', 'ha']) {
    it(`round-trips every file of the ${template} template`, () => {
      const files = exportedFiles(template);
      const zip = zipExport(files, { mtime: new Date(2025, 0, 2, 3, 4, 6) });
      const unpacked = unzipSync(zip);
      expect(Object.keys(unpacked).sort()).toEqual(files.map((f) => f.path).sort());
      for (const f of files) expect(strFromU8(unpacked[f.path]!), f.path).toBe(f.contents);
    });
  }

  it('keeps each mode as a Unix regular file, .env at 0600', () => {
    const files = exportedFiles('manual');
    expect(files.find((f) => f.path === '.env')?.mode).toBe(0o600);
    const entries = centralDirectory(zipExport(files, { folder: 'acme-deployment' }));
    expect(entries.map((e) => e.name)).toEqual(files.map((f) => `acme-deployment/${f.path}`));
    for (const [i, f] of files.entries()) {
      expect(entries[i]!.madeBy, f.path).toBe(3);
      expect(entries[i]!.mode, f.path).toBe(0o100000 | f.mode);
    }
  });

  it('is byte-stable for the same files and time', () => {
    const files = exportedFiles('ha');
    const mtime = new Date(2025, 5, 6, 7, 8, 10);
    expect(zipExport(files, { mtime })).toEqual(zipExport(files, { mtime }));
  });

  it('handles non-ASCII contents as UTF-8', () => {
    const files: ExportFile[] = [{ path: 'DEPLOYMENT.md', contents: '# Déploiement — 東京 ✓\n', mode: 0o644 }];
    expect(strFromU8(unzipSync(zipExport(files))['DEPLOYMENT.md']!)).toBe(files[0]!.contents);
  });

  it.each(['/etc/passwd', '../escape', 'a/../../b', 'a//b', 'a\\b', './a', ''])('refuses the path %j', (path) => {
    expect(() => zipExport([{ path, contents: '', mode: 0o644 }])).toThrow(/refusing the path/);
  });

  it('refuses a folder that would escape', () => {
    expect(() => zipExport([{ path: 'a', contents: '', mode: 0o644 }], { folder: '..' })).toThrow(/refusing/);
  });

  it('refuses a path given twice', () => {
    const file: ExportFile = { path: 'a.txt', contents: '', mode: 0o644 };
    expect(() => zipExport([file, file])).toThrow(/twice/);
  });
});

const unzip = needTool('unzip', 'unpacking the export zip with the real unzip');

describe.skipIf(unzip.skip)('zipExport with the real unzip', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'portolan-zip-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('unpacks into one folder with the contents and modes', () => {
    const files = exportedFiles('manual');
    const archive = join(dir, 'export.zip');
    writeFileSync(archive, zipExport(files, { folder: 'nextauth-deployment' }));
    execFileSync('unzip', ['-q', archive, '-d', dir], { stdio: 'pipe' });
    for (const f of files) {
      const target = join(dir, 'nextauth-deployment', f.path);
      expect(readFileSync(target, 'utf8'), f.path).toBe(f.contents);
      expect(statSync(target).mode & 0o777, f.path).toBe(f.mode);
    }
  });
});
