import { describe, expect, it } from 'vitest';
import { formatNeeded, loadProject, saveProject } from '../../../../shared/format/index';
import { saveProjectWithYaml } from '../../../../shared/format/save';
import { writePlainProject } from '../../../../shared/format/plain-writer';
import { setTls } from '../../../../shared/model/ops';
import type { Project } from '../../../../shared/model/types';
import { applyFix, checkProject, fixFor } from '../../../../shared/rules/index';
import { template } from '../../../support/fixtures';

/** settings.tls in the project file (format 4), the default left out, and NA053 on it. */

const manual = template('manual');

function reload(text: string): Project {
  const result = loadProject(text);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return result.project;
}

describe('settings.tls in the project file', () => {
  it('a project without a TLS policy keeps its bytes and its older format', () => {
    const text = saveProject(manual);
    expect(text).not.toMatch(/tls:\n\s+profile/);
    expect(formatNeeded(manual)).toBe(2);
    // Choosing intermediate with no opt-in is the default: nothing is stored.
    const same = setTls(manual, { profile: 'intermediate', reason: '  ' });
    expect(same.settings.tls).toBeUndefined();
    expect(saveProject(same)).toBe(text);
  });

  it('a policy is written as format 4 and reads back the same', () => {
    const project = setTls(manual, {
      profile: 'old',
      hsts: { includeSubDomains: true, preload: true },
      reason: 'kiosks on Android 4',
    });
    const text = saveProject(project);
    expect(text).toMatch(/^format: 4$/m);
    expect(text).toContain(
      'settings:\n  registry: ""\n  tag: latest\n  tls:\n    profile: old\n    hsts:\n      includeSubDomains: true\n      preload: true\n    reason: kiosks on Android 4\n',
    );
    // The plain writer wrote it, byte for byte what the yaml document gives.
    expect(writePlainProject(project, 4)).toBe(text);
    expect(saveProjectWithYaml(project)).toBe(text);
    const back = reload(text);
    expect(back.settings).toEqual(project.settings);
    expect(saveProject(back)).toBe(text);
  });

  it('a hostile reason (quotes, a line break, YAML syntax, a bidi override) reads back as written', () => {
    for (const reason of ['a "b"\n#c: d', "- [x]: {y} 'z' \u202e", 'true', '0x1F', ' ~ ']) {
      const project = setTls(manual, { profile: 'old', reason });
      const text = saveProject(project);
      expect(saveProjectWithYaml(project)).toBe(text);
      expect(reload(text).settings.tls?.reason, JSON.stringify(reason)).toBe(reason);
    }
  });

  it('an opt-in written false, or an empty reason, reads as absent', () => {
    const text = saveProject(setTls(manual, { profile: 'modern' })).replace(
      '    profile: modern\n',
      '    profile: modern\n    hsts:\n      preload: false\n    reason: ""\n',
    );
    expect(reload(text).settings.tls).toEqual({ profile: 'modern' });
  });

  it('refuses a bad profile or a wrong type with line and column', () => {
    const base = saveProject(setTls(manual, { profile: 'modern' }));
    const bad = loadProject(base.replace('profile: modern', 'profile: ancient'));
    const line = base.split('\n').findIndex((l) => l.includes('profile: modern')) + 1;
    const problems = bad.problems.filter((p) => p.severity === 'error');
    expect(problems.map((p) => [p.code, p.line, p.column, p.path])).toEqual([
      ['invalid-value', line, 14, 'settings.tls.profile'],
    ]);
    expect(problems[0]!.message).toMatch(/one of modern, intermediate, old/);
    const wrong = loadProject(base.replace('profile: modern', 'profile: modern\n    hsts: { preload: "yes" }'));
    expect(wrong.problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.path])).toEqual([
      ['wrong-type', 'settings.tls.hsts.preload'],
    ]);
    const missing = loadProject(base.replace('profile: modern', 'reason: why'));
    expect(missing.problems.some((p) => p.severity === 'error' && /profile/.test(p.message))).toBe(true);
  });

  it('an unknown key under settings.tls is reported, not kept', () => {
    const base = saveProject(setTls(manual, { profile: 'modern' }));
    const result = loadProject(base.replace('profile: modern', 'profile: modern\n    ciphers: ALL'));
    expect(result.problems.map((p) => [p.code, p.path])).toContainEqual(['unknown-key', 'settings.tls.ciphers']);
  });
});

describe('NA053 tls-below-intermediate', () => {
  const of = (p: Project) => checkProject(p).filter((d) => d.rule === 'NA053');

  it('warns on old without a reason, and its fix goes back to intermediate keeping the HSTS opt-ins', () => {
    const old = setTls(manual, { profile: 'old', hsts: { preload: true } });
    const [d] = of(old);
    expect(d?.severity).toBe('warning');
    const fix = fixFor(d!, old);
    expect(fix).toBeDefined();
    const fixed = applyFix(old, d!);
    expect(fixed.settings.tls).toEqual({ profile: 'intermediate', hsts: { preload: true } });
    expect(of(fixed)).toEqual([]);
  });

  it('with a written reason the finding stays, as an info showing the reason, without a fix', () => {
    const accepted = setTls(manual, { profile: 'old', reason: 'kiosks on Android 4' });
    const [d] = of(accepted);
    expect(d?.severity).toBe('info');
    expect(d?.message).toMatch(/accepted: kiosks on Android 4$/);
    expect(fixFor(d!, accepted)).toBeUndefined();
  });
});
