import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dirnamePath,
  isAbsolutePath,
  joinPath,
  normalizePath,
  resolveFrom,
} from '../../../../../shared/import/compose/paths';

describe('compose paths', () => {
  it('normalises POSIX paths', () => {
    expect(normalizePath('a/./b//c/../d')).toBe('a/b/d');
    expect(normalizePath('../x/../../y')).toBe('../../y');
    expect(normalizePath('/../etc/./x')).toBe('/etc/x');
    expect(normalizePath('')).toBe('.');
    expect(normalizePath('./')).toBe('.');
    expect(normalizePath('a/..')).toBe('.');
  });

  it('normalises Windows paths, keeping their separator', () => {
    expect(normalizePath('C:\\app\\.\\sub\\..\\compose.yml')).toBe('C:\\app\\compose.yml');
    expect(normalizePath('C:/app/sub/../compose.yml')).toBe('C:/app/compose.yml');
    expect(normalizePath('\\\\server\\share\\x\\..\\y.yml')).toBe('\\\\server\\share\\y.yml');
    expect(normalizePath('C:\\..\\x')).toBe('C:\\x');
  });

  it('knows absolute paths', () => {
    for (const p of ['/x', 'C:\\x', 'c:/x', '\\\\srv\\s']) expect(isAbsolutePath(p)).toBe(true);
    for (const p of ['x', './x', '../x', 'C:x']) expect(isAbsolutePath(p)).toBe(false);
  });

  it('finds the folder of a file', () => {
    expect(dirnamePath('compose.yml')).toBe('.');
    expect(dirnamePath('sub/compose.yml')).toBe('sub');
    expect(dirnamePath('/srv/app/compose.yml')).toBe('/srv/app');
    expect(dirnamePath('/compose.yml')).toBe('/');
    expect(dirnamePath('C:\\app\\compose.yml')).toBe('C:\\app');
    expect(dirnamePath('C:\\compose.yml')).toBe('C:\\');
    expect(dirnamePath('../compose.yml')).toBe('..');
    expect(dirnamePath('../../x.yml')).toBe('../..');
  });

  it('joins relative to a base folder, and keeps absolute targets', () => {
    expect(joinPath('.', 'x.yml')).toBe('x.yml');
    expect(joinPath('sub', '../common.yml')).toBe('common.yml');
    expect(joinPath('/srv/app', 'dir/x.yml')).toBe('/srv/app/dir/x.yml');
    expect(joinPath('/srv/app', '/etc/x.yml')).toBe('/etc/x.yml');
    expect(joinPath('C:\\app', 'dir\\x.yml')).toBe('C:\\app\\dir\\x.yml');
    expect(joinPath('C:\\app', 'D:\\x.yml')).toBe('D:\\x.yml');
    expect(resolveFrom('sub/compose.yml', 'base.yml')).toBe('sub/base.yml');
    expect(resolveFrom('compose.yml', '../up.yml')).toBe('../up.yml');
  });

  it('normalising is idempotent and joining with "." changes nothing', () => {
    const segment = fc.constantFrom('a', 'b', '.', '..', '', 'c.yml');
    const path = fc
      .tuple(fc.boolean(), fc.array(segment, { maxLength: 8 }))
      .map(([abs, s]) => (abs ? '/' : '') + s.join('/'));
    fc.assert(
      fc.property(path, (p) => {
        const n = normalizePath(p);
        expect(normalizePath(n)).toBe(n);
        expect(joinPath('.', n)).toBe(n);
        expect(n.split('/').includes('.') && n !== '.').toBe(false);
      }),
    );
  });
});
