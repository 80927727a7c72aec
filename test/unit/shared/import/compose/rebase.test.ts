import { describe, expect, it } from 'vitest';
import { rebasePath } from '../../../../../shared/import/compose/rebase';
import { toPlain } from '../../../../../shared/import/compose/tree';
import { load, loaded, plainServices } from './memory-fs';

// Relative host paths of a service written in another folder are rebased onto the folder of the
// file that uses it (compose-go loader/paths.go ResolveRelativePaths; docker-compose 1.29 prints
// them absolute: /project/base/data). The import keeps them relative to the main file's folder.

const model = (files: Record<string, string>) => loaded(load(['compose.yml'], files));

describe('rebasePath', () => {
  it('joins onto the other folder and keeps the result a path', () => {
    expect(rebasePath('./data', 'base')).toBe('./base/data');
    expect(rebasePath('data', 'base')).toBe('./base/data');
    expect(rebasePath('../shared', 'base')).toBe('./shared');
    expect(rebasePath('../../up', 'base')).toBe('../up');
    expect(rebasePath('./x', '../sibling')).toBe('../sibling/x');
  });
  it('leaves absolute, home and same-folder paths alone', () => {
    expect(rebasePath('/srv/data', 'base')).toBe('/srv/data');
    expect(rebasePath('~/data', 'base')).toBe('~/data');
    expect(rebasePath('./data', '.')).toBe('./data');
    expect(rebasePath('./data', '/abs/base')).toBe('/abs/base/data');
  });
});

describe('extends from another folder', () => {
  const files = {
    'compose.yml':
      'services:\n  app:\n    extends:\n      file: base/common.yml\n      service: app\n    volumes:\n      - ./own:/own\n',
    'base/common.yml': [
      'services:',
      '  app:',
      '    image: busybox',
      '    build:',
      '      context: ./ctx',
      '      dockerfile: Dockerfile.dev',
      '    volumes:',
      '      - ./data:/data:ro',
      '      - named:/named',
      '      - /abs:/abs',
      '      - ./anonymous-target-only',
      '      - type: bind',
      '        source: ../shared',
      '        target: /shared',
      '      - type: volume',
      '        source: ./not-a-path',
      '        target: /v',
      '  web:',
      '    image: nginx',
      '    build: https://example.com/repo.git',
      '',
    ].join('\n'),
  };

  it("rebases the base's bind mounts and build context, not named volumes, URLs or its own", () => {
    const app = plainServices(model(files)).app as Record<string, unknown>;
    expect(app.build).toEqual({ context: './base/ctx', dockerfile: 'Dockerfile.dev' });
    // The extending service's own list is appended (compose merges volumes by target).
    expect(app.volumes).toEqual(
      expect.arrayContaining([
        './base/data:/data:ro',
        'named:/named',
        '/abs:/abs',
        './anonymous-target-only',
        { type: 'bind', source: './shared', target: '/shared' },
        { type: 'volume', source: './not-a-path', target: '/v' },
        './own:/own',
      ]),
    );
  });
});

describe('include from another folder', () => {
  it("rebases the included project's services and its secrets' files", () => {
    const m = model({
      'compose.yml': 'include:\n  - sub/compose.yml\nservices:\n  main:\n    image: busybox\n',
      'sub/compose.yml':
        'services:\n  side:\n    image: busybox\n    volumes: ["./state:/state"]\nsecrets:\n  key:\n    file: ./key.txt\n',
    });
    expect((plainServices(m).side as { volumes: string[] }).volumes).toEqual(['./sub/state:/state']);
    expect(toPlain(m.secrets!)).toEqual({ key: { file: './sub/key.txt' } });
  });

  it('uses project_directory when the include names one', () => {
    const m = model({
      'compose.yml':
        'include:\n  - path: sub/compose.yml\n    project_directory: other\nservices:\n  main:\n    image: busybox\n',
      'sub/compose.yml': 'services:\n  side:\n    image: busybox\n    volumes: ["./state:/state"]\n',
    });
    expect((plainServices(m).side as { volumes: string[] }).volumes).toEqual(['./other/state:/state']);
  });
});
