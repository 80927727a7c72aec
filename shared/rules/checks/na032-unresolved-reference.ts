import { ENV_NAME_PATTERN } from '../../model/constraints';
import { isEscapedAt } from '../../model/literal-text';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Finding, Rule } from '../types';

const REFERENCE = /\$\{([^}]*)\}/g;
/** What `${…}` may name: an environment variable name (one home: model/constraints). */
const NAME = ENV_NAME_PATTERN;

export const NA032: Rule = {
  id: 'NA032',
  name: 'unresolved-reference',
  title: 'A value refers to a variable nothing defines',
  severity: 'error',
  docs: DOCS.configuration,
  why: 'A ${NAME} reference is filled in from the exported .env; one that names no secret or input would reach the container as an empty string.',
  check(ctx) {
    // Variables the export writes into `.env`: every secret and every operator input.
    const defined = new Set(ctx.environment.filter((e) => e.value.type !== 'literal').map((e) => e.name));
    const found: Finding[] = [];
    for (const { component: c, name, value: v } of ctx.environment) {
      if (v.type !== 'literal' || !v.value.includes('${')) continue;
      for (const m of v.value.matchAll(REFERENCE)) {
        // `$${…}` is the text `${…}` (compose's escape), no reference.
        if (isEscapedAt(v.value, m.index)) continue;
        const ref = m[1]!;
        if (NAME.test(ref) && defined.has(ref)) continue;
        found.push({
          message: NAME.test(ref)
            ? `${name} of ${named(c)} refers to \${${ref}}, but no component defines ${ref} as a secret or an input`
            : `${name} of ${named(c)} contains "\${${ref}}", which is not a variable reference`,
          elements: [componentRef(c)],
        });
      }
    }
    return found;
  },
};
