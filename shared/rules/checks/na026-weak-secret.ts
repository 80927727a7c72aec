import { isSecretVariable, secretVariablesOf } from '../../catalog/index';
import { updateComponent, type ComponentId } from '../../model/index';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';
import { isSample } from './secrets';

/** The password inside `scheme://user:password@host`, if the URI carries one literally. */
const uriPassword = (value: string): string | undefined =>
  /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:([^@\s]*)@/i.exec(value)?.[1];

/**
 * Secrets left empty or at a value from the examples. A strong secret typed in clear text is
 * NA046's (an error: it leaks with the project file); this rule is about weak ones, and its fix
 * has Portolan generate them instead.
 */
export const NA026: Rule = {
  id: 'NA026',
  name: 'weak-secret',
  title: 'Secret empty or at a sample value',
  severity: 'warning',
  docs: DOCS.manual,
  why: 'Secrets left empty or at sample values are the first thing an attacker tries; Portolan can generate strong ones at export.',
  *check(ctx) {
    for (const { component: c, name, value: v } of ctx.environment) {
      if (v.type !== 'literal' || !isSecretVariable(c, name)) continue;
      const value = v.value;
      const embedded = uriPassword(value);
      let problem: string | undefined;
      if (embedded !== undefined) {
        if (!embedded.startsWith('${') && (embedded === '' || isSample(embedded))) {
          problem = `embeds the ${embedded === '' ? 'empty' : 'sample'} password "${embedded}"; reference a generated secret such as \${MYSQL_PASSWORD}`;
        }
      } else if (value.trim() === '') problem = 'is empty';
      else if (isSample(value)) problem = `is the sample value "${value}"`;
      // Any other literal secret is NA046's: written in clear text, an error of its own.
      if (problem === undefined) continue;
      yield { message: `${name} of ${named(c)} ${problem}`, elements: [componentRef(c)] };
    }
  },
  fix: {
    // A password inside a URI is not a variable of its own: the architect must rewrite the URI.
    applies: (d) => !/ embeds the /.test(d.message),
    title: () => 'Generate the secrets at export instead',
    apply: (project, d) =>
      updateComponent(project, d.elements[0]!.id as ComponentId, (c) => {
        const environment = { ...c.environment };
        for (const name of secretVariablesOf(c)) {
          const v = environment[name];
          if (v?.type === 'literal' && uriPassword(v.value) === undefined && !v.value.includes('${')) {
            environment[name] = { type: 'secret', length: 32 };
          }
        }
        return { ...c, environment };
      }),
  },
};
