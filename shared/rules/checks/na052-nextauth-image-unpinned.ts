import { isDeployed, NEXTAUTH_IMAGE_KINDS } from '../../catalog/index';
import { imageRefOrNull } from '../../import/recognize/image-ref';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';
import { PIN_NEXTAUTH_VERSION } from './na052-pin-version';
import { isUnpinnedTag, usesProjectTag } from './nextauth-tag';

// Kept here for the export's DEPLOYMENT.md, which imports it from the rule.
export { isUnpinnedTag } from './nextauth-tag';

/**
 * Issue 15: every image the export writes carries a concrete version. Third-party images come
 * pinned from the catalog; nextAuth's images take the project's tag (settings.tag, `latest` in
 * the templates and in files that never set one, because nextAuth's tags are not public), so
 * this rule asks the architect for the version nextAuth supplied. An image override on a nextAuth
 * component is judged by its own reference: no tag (Docker reads `latest`) or `latest`, without a
 * digest. The export still writes the tag it is given — the operator may fill in the version in
 * `.env` — and compose stops when that value is empty.
 *
 * An info, not a warning: nextAuth's tags are not public, so every template and every file that
 * never set one carries `latest`, and a warning would greet each of them with a problem the
 * architect can only settle with nextAuth; the export's `.env` and DEPLOYMENT.md ask the operator
 * for the version too. Its quick fix asks for that version (see na052-pin-version).
 */
export const NA052: Rule = {
  id: 'NA052',
  name: 'nextauth-image-unpinned',
  title: "nextAuth's images are not pinned to a version",
  severity: 'info',
  docs: DOCS.composeServices,
  why: 'An image tag such as latest names whatever was published last, so two exports of the same project can run different nextAuth servers; a version makes the deployment repeatable.',
  *check(ctx) {
    const nextAuth = ctx.project.components.filter((c) => NEXTAUTH_IMAGE_KINDS.has(c.kind) && isDeployed(c));
    const onProjectTag = nextAuth.filter(usesProjectTag);
    if (onProjectTag.length > 0 && isUnpinnedTag(ctx.project.settings.tag)) {
      const tag = ctx.project.settings.tag.trim();
      yield {
        message: `${onProjectTag.map(named).join(', ')} run${onProjectTag.length === 1 ? 's' : ''} ${
          tag === '' ? 'no nextAuth image tag (empty)' : `the nextAuth image tag "${tag}"`
        }; set the project's image tag to the version nextAuth supplied`,
        elements: onProjectTag.map(componentRef),
      };
    }
    for (const c of nextAuth) {
      if (usesProjectTag(c)) continue;
      // An override Docker cannot read is NA047's finding; here only a readable one that floats.
      const ref = imageRefOrNull(c.image!);
      if (ref === null || ref.digest !== undefined || !isUnpinnedTag(ref.tag ?? '')) continue;
      yield {
        message: `${named(c)} runs the image "${c.image!.slice(0, 120)}", which ${
          ref.tag === undefined ? 'names no tag (Docker pulls latest)' : 'is tagged latest'
        }; give it the version nextAuth supplied`,
        elements: [componentRef(c)],
      };
    }
  },
  fix: PIN_NEXTAUTH_VERSION,
};
