import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseNameOf, pathSegments, pickedFileReader } from '../../../../renderer/src/import/file-match';

describe('pickedFileReader (the browser edition answers the import core from the picked files)', () => {
  const files = [
    { path: 'docker-compose.yml', text: 'compose' },
    { path: 'common.yml', text: 'common' },
    { path: 'config/app.env', text: 'app-env' },
    { path: '.env', text: 'dotenv' },
  ];
  const read = pickedFileReader(files);

  it('finds a file by its normalised relative path', () => {
    expect(read('common.yml')).toBe('common');
    expect(read('./common.yml')).toBe('common');
    expect(read('config/./app.env')).toBe('app-env');
    expect(read('config\\app.env')).toBe('app-env');
    expect(read('.env')).toBe('dotenv');
  });

  it('falls back to the base name, wherever the compose file says the file is', () => {
    expect(read('shared/common.yml')).toBe('common');
    expect(read('/srv/app/common.yml')).toBe('common');
    expect(read('C:\\deploy\\common.yml')).toBe('common');
    expect(read('app.env')).toBe('app-env');
  });

  it('answers undefined for a file nobody picked, so the core reports it by name', () => {
    expect(read('base.yml')).toBeUndefined();
    expect(read('config/missing.env')).toBeUndefined();
    expect(read('..')).toBeUndefined();
    expect(read('')).toBeUndefined();
    expect(read('common.yml\0')).toBeUndefined();
    expect(read('.')).toBeUndefined();
  });

  it('strips the first compose file’s folder, which the core joins to every relative path', () => {
    const nested = pickedFileReader([{ path: 'common.yml', text: 'c' }], 'stack');
    expect(nested('stack/common.yml')).toBe('c');
  });

  it('prefers the exact relative path over another file of the same name, and the first file of a name', () => {
    const two = pickedFileReader([
      { path: 'a/x.yml', text: 'A' },
      { path: 'b/x.yml', text: 'B' },
    ]);
    expect(two('b/x.yml')).toBe('B');
    expect(two('a/x.yml')).toBe('A');
    expect(two('c/x.yml')).toBe('A');
  });

  it('never throws and answers only picked texts, whatever the path', () => {
    fc.assert(
      fc.property(fc.string(), (path) => {
        const answer = read(path);
        expect(answer === undefined || files.some((f) => f.text === answer)).toBe(true);
      }),
    );
  });

  it('splits paths into plain segments', () => {
    expect(pathSegments('./a//b/../c.yml')).toEqual(['a', 'c.yml']);
    expect(pathSegments('C:\\x\\y.yml')).toEqual(['x', 'y.yml']);
    expect(baseNameOf('/a/b/compose.yaml')).toBe('compose.yaml');
    expect(baseNameOf('')).toBe('');
  });
});
