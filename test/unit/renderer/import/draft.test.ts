import { describe, expect, it } from 'vitest';
import type { ImportPick } from '../../../../renderer/src/bridge';
import {
  addFiles,
  EMPTY_FILES,
  fileCount,
  importRequest,
  moveFile,
  removeFile,
} from '../../../../renderer/src/import/draft';
import { addProfiles } from '../../../../renderer/src/import/profiles';

const pick = (name: string, ref = name): ImportPick => ({ name, ref });
const names = (list: readonly { pick: ImportPick }[]) => list.map((e) => e.pick.name);

describe('the import dialog’s files', () => {
  it('sorts dropped files into sections by name, compose files in compose’s order', () => {
    const files = addFiles(EMPTY_FILES, [
      pick('nginx.conf'),
      pick('docker-compose.override.yml'),
      pick('.env'),
      pick('docker-compose.yml'),
      pick('common.yml'),
    ]);
    expect(names(files.compose)).toEqual(['docker-compose.yml', 'docker-compose.override.yml']);
    expect(names(files.env)).toEqual(['.env']);
    expect(names(files.proxy)).toEqual(['nginx.conf']);
    expect(names(files.other)).toEqual(['common.yml']);
    expect(fileCount(files)).toBe(5);
  });

  it('puts picked files in the section they were picked for, whatever their name', () => {
    const files = addFiles(EMPTY_FILES, [pick('stack.yml'), pick('prod.yml')], 'compose');
    expect(names(files.compose)).toEqual(['prod.yml', 'stack.yml']);
    const proxies = addFiles(EMPTY_FILES, [pick('routes.yml')], 'proxy');
    expect(names(proxies.proxy)).toEqual(['routes.yml']);
  });

  it('lists a file picked twice once, in its place', () => {
    const once = addFiles(EMPTY_FILES, [pick('a.compose.yml'), pick('b.compose.yml')], 'compose');
    const twice = addFiles(once, [pick('a.compose.yml')], 'compose');
    expect(names(twice.compose)).toEqual(['a.compose.yml', 'b.compose.yml']);
    expect(twice.compose[0]!.id).toBe(once.compose[0]!.id);
    // Another file of the same name (another host file) is another entry.
    expect(addFiles(once, [pick('a.compose.yml', 'other')], 'compose').compose).toHaveLength(3);
  });

  it('moves and removes within a section; the ends stay put', () => {
    const files = addFiles(
      EMPTY_FILES,
      [pick('a.compose.yml'), pick('b.compose.yml'), pick('c.compose.yml')],
      'compose',
    );
    const [a, b, c] = files.compose;
    expect(names(moveFile(files, 'compose', c!.id, -1).compose)).toEqual([
      'a.compose.yml',
      'c.compose.yml',
      'b.compose.yml',
    ]);
    expect(moveFile(files, 'compose', a!.id, -1)).toBe(files);
    expect(moveFile(files, 'compose', c!.id, 1)).toBe(files);
    expect(moveFile(files, 'compose', 'nope', 1)).toBe(files);
    expect(names(removeFile(files, 'compose', b!.id).compose)).toEqual(['a.compose.yml', 'c.compose.yml']);
  });

  it('makes the bridge’s request in the shown order', () => {
    const files = addFiles(EMPTY_FILES, [pick('docker-compose.yml'), pick('.env'), pick('nginx.conf')]);
    const request = importRequest(files, ['debug']);
    expect(request.compose.map((p) => p.name)).toEqual(['docker-compose.yml']);
    expect(request.envFiles.map((p) => p.name)).toEqual(['.env']);
    expect(request.proxyConfigs.map((p) => p.name)).toEqual(['nginx.conf']);
    expect(request.others).toEqual([]);
    expect(request.profiles).toEqual(['debug']);
  });
});

describe('profile chips', () => {
  it('adds several names at once, each once, and refuses what is no profile name', () => {
    expect(addProfiles([], 'debug, monitoring debug')).toEqual({ profiles: ['debug', 'monitoring'], rejected: [] });
    expect(addProfiles(['debug'], 'a.b_c-d -x $(rm) ')).toEqual({
      profiles: ['debug', 'a.b_c-d'],
      rejected: ['-x', '$(rm)'],
    });
    expect(addProfiles([], '   ')).toEqual({ profiles: [], rejected: [] });
  });

  it('stops at the most profiles an import takes', () => {
    const many = Array.from({ length: 64 }, (_, i) => `p${i}`);
    expect(addProfiles(many, 'one-more')).toEqual({ profiles: many, rejected: ['one-more'] });
  });
});
