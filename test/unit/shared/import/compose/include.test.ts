import { describe, expect, it } from 'vitest';
import { toPlain, type CMap } from '../../../../../shared/import/compose/tree';
import { load, loaded, plainServices, problemOf } from './memory-fs';

// Top-level `include:` (compose-spec 14-include.md; compose-go loader/include.go).

describe('include', () => {
  it('copies the included project’s services, networks and volumes (short form)', () => {
    const model = loaded(
      load(['compose.yml'], {
        'compose.yml': 'include:\n  - infra/db.yml\nservices:\n  web:\n    image: nginx\n    depends_on: [db]\n',
        'infra/db.yml':
          'services:\n  db:\n    image: postgres\n    volumes: [data:/var/lib/postgresql/data]\nvolumes:\n  data: {}\nnetworks:\n  back: {}\n',
      }),
    );
    expect(model.services.map((s) => s.name)).toEqual(['db', 'web']);
    expect(toPlain(model.volumes as CMap)).toEqual({ data: {} });
    expect(toPlain(model.networks as CMap)).toEqual({ back: {} });
    expect(model.services[0]?.at).toEqual({ file: 'infra/db.yml', line: 2, column: 3 });
    expect(model.otherKeys.map((e) => e.key)).toEqual([]);
    expect(model.files).toEqual(['compose.yml', 'infra/db.yml']);
  });

  it('reads the long form: several paths merged, env_file for the included variables', () => {
    const model = loaded(
      load(
        ['compose.yml'],
        {
          'compose.yml':
            'include:\n  - path: [sub/a.yml, sub/b.yml]\n    env_file: sub/vars.env\nservices:\n  web: {image: "nginx:${TAG:-latest}"}\n',
          'sub/a.yml': 'services:\n  api:\n    image: api:${API_TAG}\n    environment: {MODE: "${MODE}"}\n',
          'sub/b.yml': 'services:\n  api:\n    environment: {EXTRA: "1"}\n',
          'sub/vars.env': 'API_TAG=2.0\nMODE=from-file\n',
        },
        { env: { MODE: 'from-process' } },
      ),
    );
    // The including project's variables win over the include's env_file.
    expect(plainServices(model)).toEqual({
      api: { image: 'api:2.0', environment: { MODE: 'from-process', EXTRA: '1' } },
      web: { image: 'nginx:latest' },
    });
  });

  it('uses the .env beside the included file by default', () => {
    const s = plainServices(
      loaded(
        load(['compose.yml'], {
          'compose.yml': 'include: [lib/x.yml]\n',
          'lib/x.yml': 'services:\n  x: {image: "x:${V}"}\n',
          'lib/.env': 'V=7\n',
        }),
      ),
    );
    expect(s).toEqual({ x: { image: 'x:7' } });
  });

  it('includes recursively, paths relative to each including file', () => {
    const s = plainServices(
      loaded(
        load(['compose.yml'], {
          'compose.yml': 'include: [a/one.yml]\nservices: {top: {image: t}}\n',
          'a/one.yml': 'include: [../b/two.yml]\nservices: {one: {image: o}}\n',
          'b/two.yml': 'services: {two: {image: w}}\n',
        }),
      ),
    );
    expect(Object.keys(s)).toEqual(['two', 'one', 'top']);
  });

  it('merges a local definition over an included one (compose v2.10+)', () => {
    const s = plainServices(
      loaded(
        load(['compose.yml'], {
          'compose.yml':
            'include: [inc.yml]\nservices:\n  bar:\n    image: busybox\n    environment: !override\n      - ZOT=QIX\n',
          'inc.yml': 'services:\n  bar:\n    image: alpine\n    environment: [FOO=1]\n    restart: always\n',
        }),
      ),
    );
    expect(s).toEqual({ bar: { image: 'busybox', environment: ['ZOT=QIX'], restart: 'always' } });
  });

  it('lets a local service extend an included one', () => {
    const s = plainServices(
      loaded(
        load(['compose.yml'], {
          'compose.yml': 'include: [inc.yml]\nservices:\n  app:\n    extends: base\n    command: run\n',
          'inc.yml': 'services:\n  base: {image: b}\n',
        }),
      ),
    );
    expect(s.app).toEqual({ image: 'b', command: 'run' });
  });
});

describe('include errors', () => {
  it('refuses a file that includes itself', () => {
    expect(problemOf(load(['compose.yml'], { 'compose.yml': 'include:\n  - ./compose.yml\n' }))).toBe(
      'include-cycle compose.yml:2:5',
    );
  });

  it('refuses a cycle through other files at the include that closes it', () => {
    const outcome = load(['compose.yml'], {
      'compose.yml': 'include: [a.yml]\nservices: {x: {image: x}}\n',
      'a.yml': 'include: [sub/b.yml]\n',
      'sub/b.yml': 'include:\n  - path: ../compose.yml\n',
    });
    expect(problemOf(outcome)).toBe('include-cycle sub/b.yml:2:11');
    expect(!outcome.ok && outcome.problems[0]?.message).toContain('compose.yml → a.yml → sub/b.yml → compose.yml');
  });

  it('names a missing file, a missing env_file and a malformed include', () => {
    expect(problemOf(load(['compose.yml'], { 'compose.yml': 'include:\n  - nope.yml\n' }))).toBe(
      'include-unknown-file compose.yml:2:5',
    );
    expect(
      problemOf(
        load(['compose.yml'], {
          'compose.yml': 'include:\n  - path: a.yml\n    env_file: none.env\n',
          'a.yml': 'services: {}\n',
        }),
      ),
    ).toBe('file-not-found compose.yml:3:15');
    expect(problemOf(load(['compose.yml'], { 'compose.yml': 'include: a.yml\n' }))).toBe('wrong-type compose.yml:1:10');
    expect(problemOf(load(['compose.yml'], { 'compose.yml': 'include:\n  - env_file: x\n' }))).toBe(
      'wrong-type compose.yml:2:5',
    );
  });

  it('reports an error in an included .env at its own line', () => {
    expect(
      problemOf(
        load(['compose.yml'], {
          'compose.yml': 'include: [a.yml]\n',
          'a.yml': 'services: {}\n',
          '.env': 'OK=1\n=broken\n',
        }),
      ),
    ).toMatch(/^env-invalid-name \.env:2:1$/);
  });
});
