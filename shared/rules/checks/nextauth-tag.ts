import { TAG_PATTERN } from '../../model/constraints';
import type { Component } from '../../model/types';

/**
 * What NA052 and its quick fix agree on: which nextAuth image tags float, which components take
 * the project's tag, and which answers pin a version.
 */

/**
 * A tag that does not pin a version: empty (NA027 also refuses it: no Docker tag) or `latest`,
 * which is whatever was pushed last — two operators running the same export on
 * different days get different servers. Docker tags are case-sensitive, so `Latest` is a tag
 * someone chose and stays quiet.
 */
export function isUnpinnedTag(tag: string): boolean {
  const t = tag.trim();
  return t === '' || t === 'latest';
}

/** Uses the project's tag: no image override of its own (an imported image keeps its own reference). */
export const usesProjectTag = (c: Component): boolean => c.image === undefined || c.image === '';

/** The answer as the fix writes it: surrounding white space (a pasted line) is not part of a tag. */
export const versionTag = (answer: string): string => answer.trim();

const MAX_TAG_LENGTH = 128;

/**
 * Why an answer to "which nextAuth version?" cannot be written as the image tag, or undefined
 * when it can. Docker's tag grammar (TAG_PATTERN, as the loader and NA027 read it), and not
 * `latest` in any case: the rule stays quiet for `Latest` (a tag someone chose), but as an
 * answer to this question it is the floating name again, only spelled differently. The specific
 * mistakes (a whole image reference, a digest, spaces) get their own sentence; the answer itself
 * is never echoed, so no pasted control character reaches the form.
 */
export function versionTagProblem(answer: string): string | undefined {
  const tag = versionTag(answer);
  if (tag === '') return 'Enter the version nextAuth supplied, e.g. 1.4.2';
  if (tag.length > MAX_TAG_LENGTH) return `A tag has at most ${MAX_TAG_LENGTH} characters; this one has ${tag.length}`;
  if (tag.toLowerCase() === 'latest')
    return '"latest" names whatever was published last, which is the problem: enter a version, e.g. 1.4.2';
  if (tag.includes('@')) return 'Enter the version alone: a digest (@sha256:…) is not a tag';
  if (tag.includes(':') || tag.includes('/'))
    return 'Enter the version alone, without the image name: 1.4.2, not nextauth:1.4.2';
  if (/\s/.test(tag)) return 'A tag has no spaces';
  if (tag.startsWith('.') || tag.startsWith('-')) return 'A tag starts with a letter, a digit or "_"';
  if (!TAG_PATTERN.test(tag)) return 'A tag has only the letters A–Z and a–z, digits, "_", "." and "-"';
  return undefined;
}
