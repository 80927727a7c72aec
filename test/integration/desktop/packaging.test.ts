/**
 * The electron-builder configuration: valid against electron-builder's own JSON schema, and
 * the parts that matter pinned — targets, file association, fuses, what goes into the package,
 * and a real 512×512 icon.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  files: string[];
  electronFuses: Record<string, boolean>;
  fileAssociations: Record<string, string>[];
  linux: { target: string[]; icon: string; mimeTypes: string[] };
  win: { target: string[] };
  mac: { target: string[] };
  directories: { buildResources: string };
};

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s schema', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    expect(validate(config) ? [] : validate.errors).toEqual([]);
  });

  it('names the app', () => {
    expect(config).toMatchObject({ appId: 'dev.portolan.desktop', productName: 'Portolan', asar: true });
    expect(config.directories.buildResources).toBe('build');
  });

  it('builds AppImage and deb, NSIS, and dmg', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('associates .portolan.yaml files with the app', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({
        ext: 'portolan.yaml',
        name: 'Portolan project',
        mimeType: 'application/x-portolan+yaml',
      }),
    ]);
    expect(config.linux.mimeTypes).toContain('application/x-portolan+yaml');
  });

  it('flips the hardening fuses, file:// privileges included', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      // The renderer comes from app://portolan, so file:// pages get no more than in a browser.
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('sets every fuse electron-builder knows, so none is left at a default by omission', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    // resetAdHocDarwinSignature is a signing step, not a fuse.
    const fuses = Object.keys(schema.definitions.FuseOptionsV1.properties).filter(
      (name) => name !== 'resetAdHocDarwinSignature',
    );
    expect(Object.keys(config.electronFuses).sort()).toEqual(fuses.sort());
  });

  it('loads the page from app://, never from file:// (which the fuse now leaves unprivileged)', () => {
    const path = join(ROOT, 'out/main/index.js');
    if (!existsSync(path)) throw new Error('out/main/index.js is missing: run npm run build first');
    // The code only: the bundle keeps comments, which may mention anything.
    const code = readFileSync(path, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    expect(code).not.toMatch(/\.loadFile\(/);
    expect(code).toMatch(/^protocol\.registerSchemesAsPrivileged\(privilegedSchemes\(\)\);$/m);
    expect(code).toMatch(/protocol\.handle\("app", createAppProtocolHandler\(rendererRoot\)\)/);
    expect(code).toMatch(/\.loadURL\(page\.url\)/);
    // ELECTRON_RENDERER_URL is read in one place: the getter rendererSource() calls only when unpackaged.
    expect(code.match(/env\.ELECTRON_RENDERER_URL|\[["'`]ELECTRON_RENDERER_URL/g)).toHaveLength(1);
    expect(code).toMatch(/devServerUrl: \(\) => process\.env\.ELECTRON_RENDERER_URL\n/);
  });

  it('packages only the built bundles and package.json', () => {
    expect(config.files.filter((f) => !f.startsWith('!'))).toEqual([
      'out/main/**',
      'out/preload/**',
      'out/renderer/**',
      'package.json',
    ]);
    expect(config.files).toContain('!node_modules/**');
    expect(readFileSync(join(ROOT, 'package.json'), 'utf8')).toMatch(/"main": "out\/main\/index.js"/);
  });

  it('can leave node_modules out: main and preload import only Electron and Node built-ins', () => {
    for (const bundle of ['out/main/index.js', 'out/preload/index.cjs']) {
      const path = join(ROOT, bundle);
      if (!existsSync(path)) throw new Error(`${bundle} is missing: run npm run build first`);
      const code = readFileSync(path, 'utf8');
      const specifiers = [
        ...code.matchAll(/^import\s[^'"]*["']([^'"]+)["']/gm),
        ...code.matchAll(/^import\s+["']([^'"]+)["']/gm),
        ...code.matchAll(/require\(["']([^'"]+)["']\)/g),
      ].map((m) => m[1]);
      for (const specifier of specifiers) expect(specifier, bundle).toMatch(/^(electron|node:[a-z_/]+)$/);
    }
  });

  it('has a 512×512 RGBA icon rendered from build/icon.svg', () => {
    const png = readFileSync(join(ROOT, config.linux.icon));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(png[25]).toBe(6); // colour type 6: RGBA, so the rounded corners are transparent
    expect(readFileSync(join(ROOT, 'build/icon.svg'), 'utf8')).toMatch(/viewBox="0 0 512 512"/);
  });
});
