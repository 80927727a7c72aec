import { describe, expect, it } from 'vitest';
import { toPlain, type CMap } from '../../../../../shared/import/compose/tree';
import { load, loaded, plainServices, problemOf } from './memory-fs';

// The loaded model as a whole: sections, extensions, name, files, and the first error stopping it.

describe('loadCompose', () => {
  const files = {
    'compose.yml': [
      'name: ${PROJECT:-shop}',
      'version: "3.8"',
      'x-defaults: &defaults',
      '  restart: unless-stopped',
      'services:',
      '  web:',
      '    <<: *defaults',
      '    image: nginx',
      '  idle:',
      'networks:',
      '  front:',
      'volumes:',
      'secrets:',
      '  key: {file: ./key}',
      'configs:',
      '  conf: {file: ./c}',
      'models:',
      '  m: {model: ai/x}',
      '',
    ].join('\n'),
    'override.yml': 'x-extra: {a: 1}\nservices:\n  web:\n    ports: ["80:80"]\n',
  };

  it('holds services in order of first appearance, sections, extensions, the name and the other keys', () => {
    const model = loaded(load(['compose.yml', 'override.yml'], files));
    expect(model.services.map((s) => s.name)).toEqual(['web', 'idle']);
    expect(plainServices(model)).toEqual({
      web: { restart: 'unless-stopped', image: 'nginx', ports: ['80:80'] },
      idle: {},
    });
    expect(model.name).toBe('shop');
    expect(toPlain(model.networks as CMap)).toEqual({ front: null });
    expect(model.volumes).toBeUndefined();
    expect(toPlain(model.secrets as CMap)).toEqual({ key: { file: './key' } });
    expect(toPlain(model.configs as CMap)).toEqual({ conf: { file: './c' } });
    expect(model.extensions.map((e) => e.key)).toEqual(['x-defaults', 'x-extra']);
    expect(model.otherKeys.map((e) => e.key)).toEqual(['version', 'models']);
    expect(model.files).toEqual(['compose.yml', 'override.yml']);
    expect(model.inactive).toEqual([]);
  });

  it('interpolates the name with the given variables, the later file winning', () => {
    expect(loaded(load(['compose.yml'], files, { env: { PROJECT: 'acme' } })).name).toBe('acme');
    expect(loaded(load(['compose.yml', 'n.yml'], { ...files, 'n.yml': 'name: other\n' })).name).toBe('other');
  });

  it('stops at the first error, in whichever file it is', () => {
    expect(
      problemOf(load(['compose.yml', 'bad.yml'], { ...files, 'bad.yml': 'services:\n  web:\n    image: [\n' })),
    ).toMatch(/^yaml-syntax bad\.yml:/);
    expect(problemOf(load(['compose.yml', 'bad.yml'], { ...files, 'bad.yml': 'networks: [a]\n' }))).toBe(
      'wrong-type bad.yml:1:11',
    );
    expect(problemOf(load(['a.yml'], { 'a.yml': 'services:\n  web: nginx\n' }))).toBe('wrong-type a.yml:2:8');
  });

  it('refuses a project whose files are all empty', () => {
    expect(problemOf(load(['a.yml', 'b.yml'], { 'a.yml': '', 'b.yml': '# nothing\n' }))).toBe(
      'not-a-compose-file a.yml:1:1',
    );
  });

  it('keeps the warnings of a load that fails', () => {
    const outcome = load(['a.yml'], { 'a.yml': 'services:\n  a: {depends_on: [b]}\n' }, { profiles: ['nope'] });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problems.map((p) => p.code)).toEqual(['invalid-value', 'unknown-profile']);
  });

  it('refuses a model that aliases in several files expand beyond the budget', () => {
    const d = ['x-a: &a [' + Array(10).fill('1').join(', ') + ']'];
    d.push('x-b: &b [' + Array(10).fill('*a').join(', ') + ']');
    d.push('x-c: &c [' + Array(10).fill('*b').join(', ') + ']');
    d.push('x-d: &d [' + Array(10).fill('*c').join(', ') + ']');
    const files: Record<string, string> = {};
    const includes: string[] = [];
    for (let i = 0; i < 8; i++) {
      // 15 × 11,111 nodes: inside each file's alias budget, over the model's budget together.
      files[`part${i}.yml`] =
        `${d.join('\n')}\nservices:\n  s${i}:\n    image: x\n    x-big: [${Array(15).fill('*d').join(', ')}]\n`;
      includes.push(`  - part${i}.yml`);
    }
    files['compose.yml'] = `include:\n${includes.join('\n')}\n`;
    expect(problemOf(load(['compose.yml'], files))).toMatch(/^alias-limit part\d\.yml:\d+:3$/);
    expect(load(['compose.yml'], { ...files, 'compose.yml': 'include: [part0.yml]\n' }).ok).toBe(true);
  });
});
