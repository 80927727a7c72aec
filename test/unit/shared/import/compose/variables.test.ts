import { describe, expect, it } from 'vitest';
import { composeLookup, processLookup, readEnvFiles } from '../../../../../shared/import/compose/variables';

const files = (record: Record<string, string>) => (path: string) =>
  Object.hasOwn(record, path) ? record[path] : undefined;

describe('processLookup', () => {
  it('reads own string values only', () => {
    const lookup = processLookup({ A: 'a', EMPTY: '', GONE: undefined });
    expect([lookup('A'), lookup('EMPTY'), lookup('GONE'), lookup('MISSING')]).toEqual(['a', '', undefined, undefined]);
    expect([lookup('constructor'), lookup('toString'), lookup('__proto__')]).toEqual([undefined, undefined, undefined]);
  });
});

describe('composeLookup: the shell over the env files', () => {
  it('prefers the process environment, even when it is empty', () => {
    const read = readEnvFiles(['.env'], files({ '.env': 'A=file\nB=file\nC=file' }), {});
    if (!read.ok) throw new Error('not read');
    const lookup = composeLookup({ A: 'shell', B: '' }, read.value);
    expect([lookup('A'), lookup('B'), lookup('C'), lookup('D')]).toEqual(['shell', '', 'file', undefined]);
  });
});

describe('readEnvFiles: --env-file, in order', () => {
  it('lets a later file override an earlier one, and refer to it', () => {
    const read = readEnvFiles(['a.env', 'b.env'], files({ 'a.env': 'A=1\nB=1', 'b.env': 'B=2\nC=${A}${B}' }), {});
    expect(read.ok && Object.fromEntries([...read.value].map(([k, v]) => [k, [v.value, v.at.file]]))).toEqual({
      A: ['1', 'a.env'],
      B: ['2', 'b.env'],
      C: ['12', 'b.env'],
    });
  });

  it('interpolates with the process environment first (compose-go GetEnvFromFile)', () => {
    const read = readEnvFiles(['.env'], files({ '.env': 'TAG=file\nIMAGE=app:${TAG}\nHOME' }), {
      TAG: 'shell',
      HOME: '/home/op',
    });
    expect(read.ok && Object.fromEntries([...read.value].map(([k, v]) => [k, v.value]))).toEqual({
      TAG: 'file',
      IMAGE: 'app:shell',
      HOME: '/home/op',
    });
  });

  it('fails on a file it cannot read, as compose does', () => {
    const read = readEnvFiles(['a.env', 'missing.env'], files({ 'a.env': 'A=$U' }), {});
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => [p.code, p.severity, p.message, p.at.file])).toEqual([
      ['file-not-found', 'error', "couldn't find env file: missing.env", 'missing.env'],
      ['variable-unset', 'warning', 'The "U" variable is not set. Defaulting to a blank string.', 'a.env'],
    ]);
  });

  it('passes on the first error in a file with its position', () => {
    const read = readEnvFiles(['a.env'], files({ 'a.env': 'A=1\nB="open' }), {});
    expect(!read.ok && read.problems[0]).toMatchObject({
      code: 'env-unterminated-quote',
      at: { file: 'a.env', line: 2, column: 3 },
    });
  });

  it('reads nothing from no files', () => {
    const read = readEnvFiles([], files({}), { A: '1' });
    expect(read.ok && read.value.size).toBe(0);
  });
});
