import type { Component } from '../../model/types';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Finding, Rule } from '../types';

const REFERENCE = /\$\{([^}]*)\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Variables the export writes into `.env`: every secret and every operator input. */
function envFileNames(components: readonly Component[]): Set<string> {
  const names = new Set<string>();
  for (const c of components) {
    for (const name in c.environment) if (c.environment[name]!.type !== 'literal') names.add(name);
  }
  return names;
}

export const NA032: Rule = {
  id: 'NA032',
  name: 'unresolved-reference',
  title: 'A value refers to a variable nothing defines',
  severity: 'error',
  docs: DOCS.configuration,
  why: 'A ${NAME} reference is filled in from the exported .env; one that names no secret or input would reach the container as an empty string.',
  check(ctx) {
    const defined = envFileNames(ctx.project.components);
    const found: Finding[] = [];
    for (const c of ctx.project.components) {
      for (const name in c.environment) {
        const v = c.environment[name]!;
        if (v.type !== 'literal' || !v.value.includes('${')) continue;
        for (const m of v.value.matchAll(REFERENCE)) {
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
    }
    return found;
  },
};
