import { describe, expect, it } from 'vitest';
import { load, loaded, problemOf } from './memory-fs';

// Which services are active for `--profile` (compose-spec 15-profiles.md; compose-go
// types/project.go WithProfiles, loader/validate.go checkConsistency).

const spec = {
  'compose.yml': [
    'services:',
    '  foo:',
    '    image: foo',
    '  bar:',
    '    image: bar',
    '    profiles:',
    '      - test',
    '  baz:',
    '    image: baz',
    '    depends_on:',
    '      - bar',
    '    profiles:',
    '      - test',
    '  zot:',
    '    image: zot',
    '    depends_on:',
    '      - bar',
    '    profiles:',
    '      - debug',
    '',
  ].join('\n'),
};

const active = (profiles: string[]) => {
  const model = loaded(load(['compose.yml'], spec, { profiles }));
  return { active: model.services.map((s) => s.name), inactive: model.inactive };
};

describe('profiles (the spec example)', () => {
  it('activates only services without profiles when none is given', () => {
    expect(active([])).toEqual({ active: ['foo'], inactive: ['bar', 'baz', 'zot'] });
  });

  it('activates the services of a given profile', () => {
    expect(active(['test'])).toEqual({ active: ['foo', 'bar', 'baz'], inactive: ['zot'] });
    expect(active(['debug', 'test'])).toEqual({ active: ['foo', 'bar', 'baz', 'zot'], inactive: [] });
    expect(active(['*'])).toEqual({ active: ['foo', 'bar', 'baz', 'zot'], inactive: [] });
  });

  it('refuses an active service that depends on an inactive one, at the dependency (depends_on activates nothing)', () => {
    const outcome = load(['compose.yml'], spec, { profiles: ['debug'] });
    expect(problemOf(outcome)).toBe('invalid-value compose.yml:17:9');
    expect(!outcome.ok && outcome.problems[0]?.message).toContain('service "zot" depends on undefined service "bar"');
  });

  it('lets a dependency that is not required stay inactive, but not one that is undefined', () => {
    const files = {
      'compose.yml':
        'services:\n  web:\n    image: w\n    depends_on:\n      dbg: {condition: service_started, required: false}\n  dbg:\n    image: d\n    profiles: [debug]\n',
    };
    expect(loaded(load(['compose.yml'], files)).services.map((s) => s.name)).toEqual(['web']);
    const undefinedDep = { 'compose.yml': 'services:\n  web:\n    depends_on:\n      ghost: {required: false}\n' };
    expect(problemOf(load(['compose.yml'], undefinedDep))).toBe('invalid-value compose.yml:4:7');
  });

  it('warns about a profile no service uses', () => {
    const outcome = load(['compose.yml'], spec, { profiles: ['test', 'tset'] });
    expect(outcome.ok && outcome.warnings).toEqual([
      {
        code: 'unknown-profile',
        severity: 'warning',
        message: 'no service has the profile "tset"',
        at: { file: 'compose.yml', line: 1, column: 1 },
      },
    ]);
  });

  it('treats an empty profiles list as no profiles, and refuses profiles that are not a list of names', () => {
    expect(loaded(load(['c.yml'], { 'c.yml': 'services:\n  a:\n    profiles: []\n' })).services).toHaveLength(1);
    expect(problemOf(load(['c.yml'], { 'c.yml': 'services:\n  a:\n    profiles: debug\n' }))).toBe(
      'wrong-type c.yml:3:15',
    );
  });

  it('reads interpolated profile names', () => {
    const files = { 'c.yml': 'services:\n  a:\n    profiles: ["${P}"]\n' };
    expect(loaded(load(['c.yml'], files, { env: { P: 'x' }, profiles: ['x'] })).services).toHaveLength(1);
  });
});
