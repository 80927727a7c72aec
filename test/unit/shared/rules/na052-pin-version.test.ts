import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TAG_PATTERN } from '../../../../shared/model/constraints';
import { hasUnprintable } from '../../../../shared/model/printable';
import type { Project } from '../../../../shared/model/index';
import { versionTagProblem } from '../../../../shared/rules/checks/nextauth-tag';
import { applyFix, checkProject, fixFor, getRule, type Diagnostic, type Rule } from '../../../../shared/rules/index';
import { patchComponent, template } from '../../../support/fixtures';

/**
 * NA052's quick fix asks for the nextAuth version (issue 15): the answer must be a Docker tag
 * and not `latest`; applyFix refuses a missing or bad answer as the form does, and a good one
 * pins the project's tag (or the tag of a component's own image reference).
 */

const manual = template('manual');
const pinned = (p: Project, tag = '1.4.2'): Project => ({ ...p, settings: { ...p.settings, tag } });
const na052 = (p: Project): Diagnostic[] => checkProject(p).filter((d) => d.rule === 'NA052');
const only = (p: Project): Diagnostic => {
  const [d, ...rest] = na052(p);
  expect(rest).toEqual([]);
  expect(d, 'the case must raise NA052').toBeDefined();
  return d!;
};

describe('the answer to "which nextAuth version?"', () => {
  it.each([
    ['1.4.2', '1.4.2'],
    ['2024.03.1-hotfix_2', '2024.03.1-hotfix_2'],
    ['_build7', '_build7'],
    ['V2', 'V2'],
    ['a 128-character tag', 'a'.repeat(128)],
  ])('accepts %s', (_name, answer) => {
    expect(versionTagProblem(answer)).toBeUndefined();
  });

  it.each([
    ['empty', '', /Enter the version/],
    ['only spaces', '   \t ', /Enter the version/],
    ['latest', 'latest', /"latest" names whatever was published last/],
    [
      'LATEST (the rule reads tags case-sensitively, but as an answer it is still the floating name)',
      'LATEST',
      /latest/,
    ],
    ['latest with surrounding spaces', '  Latest\n', /latest/],
    ['129 characters', 'a'.repeat(129), /at most 128 characters; this one has 129/],
    ['five megabytes', '1'.repeat(5_000_000), /at most 128 characters/],
    ['a whole image reference', 'nextauth:1.4.2', /without the image name/],
    ['a leading colon', ':1.4.2', /without the image name/],
    ['a registry path', 'registry.example.com/nextauth', /without the image name/],
    ['a digest', `sha256@${'a'.repeat(64)}`, /digest/],
    ['an inner space', '1.4 .2', /no spaces/],
    ['an inner tab', '1.4\t2', /no spaces/],
    ['a leading dot', '.1.4', /starts with a letter/],
    ['a leading dash', '-rc1', /starts with a letter/],
    ['letters outside ASCII', 'versión1', /only the letters/],
    ['an emoji', '1.4.2🚀', /only the letters/],
    ['a bidi override', '1.4\u202e2', /only the letters/],
    ['a NUL character', '1.4\u00002', /only the letters/],
    ['a shell expansion', '${TAG}', /only the letters/],
  ])('refuses %s', (_name, answer, message) => {
    const problem = versionTagProblem(answer);
    expect(problem).toMatch(message);
    // A fixed sentence, never the answer: no pasted control or bidi character reaches the form.
    expect(hasUnprintable(problem!)).toBe(false);
  });

  it('accepts exactly the Docker tags other than latest, after trimming', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 140 }), fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,130}$/)),
        (s) => {
          const t = s.trim();
          expect(versionTagProblem(s) === undefined).toBe(TAG_PATTERN.test(t) && t.toLowerCase() !== 'latest');
        },
      ),
    );
  });
});

describe('the quick fix on the project tag', () => {
  it('is offered on the templates and asks for the version', () => {
    const d = only(manual);
    const fix = fixFor(d, manual)!;
    expect(fix).toBe(getRule('NA052')!.fix);
    expect(fix.title(d, manual)).toBe("Pin nextAuth's images to a version…");
    expect(fix.ask).toMatchObject({ label: 'nextAuth version (image tag)', placeholder: 'e.g. 1.4.2' });
    // Nothing in the template pins a version: no guess.
    expect(fix.ask!.initial!(d, manual)).toBe('');
  });

  it('changes nothing without an answer, or with one the form would refuse', () => {
    const d = only(manual);
    for (const answer of [undefined, '', 'latest', 'Latest', 'a'.repeat(129), 'nextauth:1.4.2', '1.4 .2', 'ü'])
      expect(applyFix(manual, d, answer), String(answer)).toBe(manual);
    // The fix refuses too when called directly, past the engine.
    expect(getRule('NA052')!.fix!.apply(manual, d, 'latest')).toBe(manual);
    expect(getRule('NA052')!.fix!.apply(manual, d)).toBe(manual);
  });

  it('writes the trimmed answer as the tag and NA052 goes, without touching the input', () => {
    const input = structuredClone(manual);
    const pristine = structuredClone(input);
    const fixed = applyFix(input, only(input), '  1.4.2\n');
    expect(fixed.settings.tag).toBe('1.4.2');
    expect(fixed.settings.registry).toBe(manual.settings.registry);
    expect(fixed.components).toBe(input.components);
    expect(na052(fixed)).toEqual([]);
    expect(input).toEqual(pristine);
    // No error appears: a valid tag is a valid tag for NA027 too.
    expect(checkProject(fixed).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('also pins an empty tag, and stays quiet once pinned', () => {
    const empty = pinned(manual, ' ');
    const fixed = applyFix(empty, only(empty), '7_0');
    expect(fixed.settings.tag).toBe('7_0');
    // The old finding no longer applies to the fixed project: a stale button does nothing.
    const stale = only(manual);
    expect(fixFor(stale, fixed)).toBeUndefined();
    expect(applyFix(fixed, stale, '9.9')).toBe(fixed);
  });

  it('suggests the one version a nextAuth override already pins', () => {
    const one = patchComponent(manual, 'nextauth', { image: 'registry.example.com/nextauth:1.4.2' });
    const d = only(one);
    expect(d.elements.map((e) => e.id)).toEqual(['mgmt']);
    expect(fixFor(d, one)!.ask!.initial!(d, one)).toBe('1.4.2');
    const two = patchComponent(one, 'mgmt', { image: 'nextauth-mgmt:1.5.0' });
    // Both on their own pinned images: no finding at all; with a portmap on latest, two versions → no guess.
    expect(na052(two)).toEqual([]);
    const withPortmap = patchComponent(template('default'), 'nextauth', { image: 'nextauth:1.4.2' });
    const mixed = patchComponent(withPortmap, 'mgmt', { image: 'nextauth-mgmt:1.5.0' });
    const dm = only(mixed);
    expect(fixFor(dm, mixed)!.ask!.initial!(dm, mixed)).toBe('');
  });
});

describe("the quick fix on a component's own image", () => {
  it.each([
    ['no tag', 'registry.example.com/nextauth', 'registry.example.com/nextauth:1.4.3'],
    ['tagged latest', 'nextauth:latest', 'nextauth:1.4.3'],
    ['a registry with a port, no tag', 'localhost:5000/team/nextauth', 'localhost:5000/team/nextauth:1.4.3'],
    ['a registry with a port, latest', 'localhost:5000/nextauth:latest', 'localhost:5000/nextauth:1.4.3'],
  ])('%s: the tag is replaced, the name kept as written', (_name, image, expected) => {
    const p = patchComponent(pinned(manual), 'nextauth', { image });
    const d = only(p);
    const fix = fixFor(d, p)!;
    expect(fix.title(d, p)).toBe('Pin the image of "nextauth" to a version…');
    // The project pins 1.4.2: that is the suggestion.
    expect(fix.ask!.initial!(d, p)).toBe('1.4.2');
    const fixed = applyFix(p, d, '1.4.3');
    expect(fixed.components.find((c) => c.id === 'nextauth')!.image).toBe(expected);
    expect(fixed.settings.tag).toBe('1.4.2');
    expect(na052(fixed)).toEqual([]);
  });

  it('is not offered for an override pinned by digest or one Docker cannot read', () => {
    const digest = patchComponent(manual, 'nextauth', { image: `nextauth@sha256:${'a'.repeat(64)}` });
    // Only the project-tag finding (mgmt) remains, and its fix sets the project tag.
    const d = only(digest);
    expect(d.elements.map((e) => e.id)).toEqual(['mgmt']);
    expect(applyFix(digest, d, '2.0').components.find((c) => c.id === 'nextauth')!.image).toBe(
      `nextauth@sha256:${'a'.repeat(64)}`,
    );
  });
});

describe('applyFix with a fix that asks', () => {
  // A fix whose apply trusts its answer: the engine alone must keep a refused answer out.
  const calls: (string | undefined)[] = [];
  const rule: Rule = {
    ...getRule('NA052')!,
    fix: {
      title: () => 'Set the tag…',
      ask: { label: 'Tag', validate: (a) => (a === 'ok' ? undefined : 'not ok') },
      apply: (p, _d, answer) => {
        calls.push(answer);
        return { ...p, settings: { ...p.settings, tag: answer ?? 'none' } };
      },
    },
  };

  it('calls apply only with an answer the question accepts', () => {
    const d = only(manual);
    expect(applyFix(manual, d, undefined, [rule])).toBe(manual);
    expect(applyFix(manual, d, 'bad', [rule])).toBe(manual);
    expect(calls).toEqual([]);
    expect(applyFix(manual, d, 'ok', [rule]).settings.tag).toBe('ok');
    expect(calls).toEqual(['ok']);
  });
});
