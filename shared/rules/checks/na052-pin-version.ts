import { NEXTAUTH_IMAGE_KINDS } from '../../catalog/index';
import { imageRefOrNull, type ImageRef } from '../../import/recognize/image-ref';
import { updateComponent } from '../../model/ops';
import type { Component, Project } from '../../model/types';
import { named } from '../context';
import type { Diagnostic, Fix } from '../types';
import { isUnpinnedTag, usesProjectTag, versionTag, versionTagProblem } from './nextauth-tag';

/** What one NA052 finding is about: the project's tag, or one component's own image reference. */
type Target =
  | { readonly kind: 'project' }
  | { readonly kind: 'override'; readonly component: Component; readonly image: string; readonly ref: ImageRef };

/**
 * Read from the project, not the message: the finding's first element either takes the project's
 * tag (the project finding names only such components) or has an override of its own. Undefined
 * when the project no longer has what the finding saw (an edit since, or a digest added).
 */
function targetOf(d: Diagnostic, project: Project): Target | undefined {
  const id = d.elements[0]?.id;
  const c = project.components.find((x) => x.id === id);
  if (c === undefined || !NEXTAUTH_IMAGE_KINDS.has(c.kind)) return undefined;
  if (usesProjectTag(c)) return isUnpinnedTag(project.settings.tag) ? { kind: 'project' } : undefined;
  const image = c.image!;
  const ref = imageRefOrNull(image);
  if (ref === null || ref.digest !== undefined || !isUnpinnedTag(ref.tag ?? '')) return undefined;
  return { kind: 'override', component: c, image, ref };
}

/**
 * The version the project already pins somewhere — its own tag, or a nextAuth override's — when
 * there is exactly one: nextAuth ships its images together, so that is the likely answer. Two
 * different versions are a question for the architect, not a guess.
 */
function suggestedVersion(project: Project): string {
  const found = new Set<string>();
  if (!isUnpinnedTag(project.settings.tag)) found.add(project.settings.tag.trim());
  for (const c of project.components) {
    if (!NEXTAUTH_IMAGE_KINDS.has(c.kind) || usesProjectTag(c)) continue;
    const tag = imageRefOrNull(c.image!)?.tag;
    if (tag !== undefined && !isUnpinnedTag(tag)) found.add(tag);
  }
  const [only] = found;
  return found.size === 1 && versionTagProblem(only!) === undefined ? only! : '';
}

/** The override with its tag replaced (or added): the architect's spelling of the name is kept. */
function retagged(image: string, ref: ImageRef, tag: string): string {
  const base = ref.tag === undefined ? image : image.slice(0, image.length - ref.tag.length - 1);
  return `${base}:${tag}`;
}

/**
 * NA052's quick fix: nextAuth's versions are not public, so the fix cannot pick one — it asks the
 * architect for the version nextAuth supplied and writes it as the project's tag (or, for a
 * component with its own image reference, as that reference's tag). One fix per finding, so one
 * answer is one undo step.
 */
export const PIN_NEXTAUTH_VERSION: Fix = {
  applies: (d, project) => targetOf(d, project) !== undefined,
  title: (d, project) => {
    const target = targetOf(d, project);
    return target?.kind === 'override'
      ? `Pin the image of ${named(target.component)} to a version…`
      : "Pin nextAuth's images to a version…";
  },
  ask: {
    label: 'nextAuth version (image tag)',
    placeholder: 'e.g. 1.4.2',
    initial: (_d, project) => suggestedVersion(project),
    validate: versionTagProblem,
  },
  apply: (project, d, answer) => {
    const target = targetOf(d, project);
    if (target === undefined || answer === undefined || versionTagProblem(answer) !== undefined) return project;
    const tag = versionTag(answer);
    if (target.kind === 'project') return { ...project, settings: { ...project.settings, tag } };
    const image = retagged(target.image, target.ref, tag);
    // The rewrite must still be the same image, now on this tag; anything else is left alone.
    const check = imageRefOrNull(image);
    if (check === null || check.name !== target.ref.name || check.tag !== tag) return project;
    return updateComponent(project, target.component.id, (c) => ({ ...c, image }));
  },
};
