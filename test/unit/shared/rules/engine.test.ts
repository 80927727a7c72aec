import { describe, expect, it } from 'vitest';
import { loadProject, saveProject } from '../../../../shared/format/index';
import { suppress } from '../../../../shared/model/index';
import {
  applyFix,
  fixFor,
  buildContext,
  checkProject,
  RULE_FAILURE_ID,
  RULES,
  summarize,
  type Diagnostic,
  type Rule,
} from '../../../../shared/rules/index';
import { TEMPLATES } from '../../../../shared/templates/index';
import { dropRoute, patchComponent, patchRoute, setEnv, template } from '../../../support/fixtures';

const manual = template('manual');

describe('rule registry', () => {
  it('ids are unique, stable-looking and in order; names are unique kebab-case', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const r of RULES) {
      expect(r.id).toMatch(/^NA\d{3}$/);
      expect(r.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
  });

  it('every rule says where it is written and why, in a sentence', () => {
    for (const r of RULES) {
      expect(r.docs.url, r.id).toMatch(/^https:\/\//);
      expect(r.why, r.id).toMatch(/^[A-Za-z].*[.]$/);
      expect(r.title.length, r.id).toBeGreaterThan(10);
      expect(['error', 'warning', 'info']).toContain(r.severity);
    }
  });
});

describe('checkProject', () => {
  // Save one: a template cannot know the customer's nextAuth version, so NA052 asks for it (issue 15).
  it.each(TEMPLATES.map((t) => [t.id] as const))('template %s has no errors and no warnings but NA052', (id) => {
    const diagnostics = checkProject(template(id));
    expect(diagnostics.filter((d) => d.severity !== 'info' && d.rule !== 'NA052')).toEqual([]);
    expect(diagnostics.filter((d) => d.rule === 'NA052')).toHaveLength(1);
  });

  it('a rule that throws becomes an error naming it, and the other rules still run', () => {
    const broken: Rule = {
      id: 'NA999',
      name: 'broken',
      title: 'A rule with a bug',
      severity: 'warning',
      docs: { url: 'https://example.com' },
      why: 'Testing.',
      check: () => {
        throw new TypeError('boom');
      },
    };
    const result = checkProject(dropRoute(manual, 'ws'), [broken, ...RULES]);
    expect(result[0]).toEqual({
      rule: RULE_FAILURE_ID,
      severity: 'error',
      message: 'rule NA999 (A rule with a bug) failed and could not check this project: boom',
      elements: [],
    });
    expect(result.some((d) => d.rule === 'NA010')).toBe(true);
  });

  it('a suppressed diagnostic is kept, marked with its reason, and counted apart', () => {
    const broken = dropRoute({ ...manual, settings: { ...manual.settings, tag: '1.4.2' } }, 'mobile-api');
    const accepted = suppress(broken, {
      rule: 'NA010',
      element: 'mobile-app',
      reason: 'The pilot only uses WebSockets',
    });
    const [d] = checkProject(accepted).filter((x) => x.rule === 'NA010');
    expect(d?.suppressed).toEqual({ reason: 'The pilot only uses WebSockets' });
    expect(summarize(checkProject(accepted))).toEqual({ error: 0, warning: 0, info: 0, suppressed: 1 });
    expect(summarize(checkProject(broken))).toEqual({ error: 1, warning: 0, info: 0, suppressed: 0 });
  });

  it('suppressions survive the project file', () => {
    const accepted = suppress(dropRoute(manual, 'mobile-api'), {
      rule: 'NA010',
      element: 'mobile-app',
      reason: 'Pilot: "WS only" # for now',
    });
    const text = saveProject(accepted);
    expect(text).toContain('suppressions:\n  - { rule: NA010, element: mobile-app, reason: ');
    const loaded = loadProject(text);
    expect(loaded.ok && loaded.project.suppressions).toEqual(accepted.suppressions);
  });

  it('checks and fixes never modify the project they are given', () => {
    const frozen = <T>(v: T): T => {
      if (v && typeof v === 'object') {
        Object.values(v).forEach(frozen);
        Object.freeze(v);
      }
      return v;
    };
    // Many fixable findings at once: a plain ws:// route, a :memory: override, a port clash, a
    // database without its password, no root API key.
    let broken = patchRoute(manual, 'ws', { scheme: 'ws' });
    broken = setEnv(broken, 'nextauth', 'NEXTAUTH_DB_URI', ':memory:');
    broken = patchComponent(broken, 'nextauth', { portOverrides: { mobile: 8888 } });
    broken = setEnv(broken, 'mysql', 'MYSQL_PASSWORD', undefined);
    broken = setEnv(broken, 'nextauth', 'NEXTAUTH_ROOT_API_KEY', undefined);
    const pristine = structuredClone(broken);
    const input = frozen(structuredClone(pristine));
    const diagnostics = checkProject(input);
    // The case must exercise fixes, or it proves nothing.
    const fixable = diagnostics.filter((d) => fixFor(d, input) !== undefined);
    expect(new Set(fixable.map((d) => d.rule)).size).toBeGreaterThanOrEqual(4);
    // A fix that asks for a value (NA052: the nextAuth version) gets an answer, as from its form.
    const answer = (d: Diagnostic) => (fixFor(d, input)?.ask ? '1.4.2' : undefined);
    for (const d of fixable) expect(applyFix(input, d, answer(d)), `${d.rule} fixed nothing`).not.toBe(input);
    // Freezing makes an in-place write throw; comparing with the pristine copy also catches a
    // rule that replaces a nested object instead of writing into it.
    expect(input).toEqual(pristine);
  });

  it('indexes answer in project order and return empty lists for unknown ids', () => {
    const ctx = buildContext(manual);
    expect(ctx.ofKind('database').map((c) => c.id)).toEqual(['mysql']);
    expect(ctx.routesTo('mgmt', 'dashboard').map((r) => r.id)).toEqual(['dashboard']);
    expect(ctx.routesVia('proxy')).toHaveLength(5);
    expect(ctx.linksFrom('nobody')).toEqual([]);
    expect(ctx.componentsInZone('internal').map((c) => c.id)).toContain('nextauth');
  });
});
