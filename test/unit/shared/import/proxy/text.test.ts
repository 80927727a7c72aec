/** The helpers every proxy reader shares: the model's form of paths and hosts, ports, positions, include paths. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isHostPattern,
  joinPath,
  modelHost,
  modelPath,
  portNumber,
  positionsOf,
} from '../../../../../shared/import/proxy/text';
import { isRoutePath, PATH_PATTERN } from '../../../../../shared/model/constraints';

describe('proxy import text helpers', () => {
  it('writes decoded paths in the model form: UTF-8 escapes for all but unreserved characters', () => {
    expect(modelPath('/a b/é?%;~x')).toBe('/a%20b/%C3%A9%3F%25%3B~x');
    expect(modelPath('/😀')).toBe('/%F0%9F%98%80');
    expect(modelPath('/\ud800')).toBe('/%EF%BF%BD');
  });

  it('always gives a path the model accepts, which decodes back to what the proxy compares', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const path = modelPath(`/${s}`);
        return PATH_PATTERN.test(path) && decodeURIComponent(path) === `/${s}`;
      }),
    );
    expect(isRoutePath(modelPath('/api/v1/'))).toBe(true);
  });

  it('reads host names and leading wildcards, and nothing else', () => {
    expect(['a.example.com', '*.example.com', 'localhost', 'x-1.y'].map(isHostPattern)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(
      ['', '*', 'a.*', '-a.com', 'a..b', 'a_b.com', '10.0.0.1:80', `${'a'.repeat(64)}.com`].map(isHostPattern),
    ).toEqual(Array(8).fill(false));
    expect(modelHost('Auth.Example.COM.')).toBe('auth.example.com');
  });

  it('reads ports 1–65535 as written, nothing else', () => {
    expect(['1', '80', '65535', '0', '080', '65536', '1e3', ' 80', ''].map(portNumber)).toEqual([
      1,
      80,
      65535,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('turns offsets into lines and columns, and joins include paths', () => {
    const at = positionsOf('ab\ncd\r\n\nx', 'f');
    expect([0, 2, 3, 4, 7, 8].map((o) => `${at(o).line}:${at(o).column}`)).toEqual([
      '1:1',
      '1:3',
      '2:1',
      '2:2',
      '3:1',
      '4:1',
    ]);
    expect([joinPath('conf/nginx.conf', 'a.conf'), joinPath('nginx.conf', 'a'), joinPath('c/n.conf', '/abs')]).toEqual([
      'conf/a.conf',
      'a',
      '/abs',
    ]);
  });
});
