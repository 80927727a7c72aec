import { SECRET_LENGTH } from '../../model/constraints';
import { updateComponent, type ComponentId } from '../../model/index';
import { componentRef, env, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

/** The root key of nextauth's REST API (named after NEXTAUTH_NS_ROOT_API_KEY; see the catalog). */
export const ROOT_API_KEY_VAR = 'NEXTAUTH_ROOT_API_KEY';

/**
 * Reference §4B.36 and §4B.38, which hold in the old layout too: the root API key is one of the
 * variables a server must be given, with a random value. NA026 reports a key that is set but
 * empty or at a sample value; this rule reports the variable missing altogether, which the export
 * would otherwise pass over in silence (the old layout's configuration page is not available,
 * so the name is the catalog's assumption, and the message says so).
 */
export const NA042: Rule = {
  id: 'NA042',
  name: 'root-api-key-missing',
  title: 'nextauth has no root API key',
  severity: 'warning',
  docs: DOCS.deployment,
  why: 'nextAuth’s setup lists the REST API’s root API key among the variables every server is given, set to a random value; Portolan can generate one at export.',
  *check(ctx) {
    for (const nextauth of ctx.ofKind('nextauth')) {
      if (env(nextauth, ROOT_API_KEY_VAR) !== undefined) continue; // set: NA026 judges its value
      yield {
        message: `${named(nextauth)} does not set ${ROOT_API_KEY_VAR}, the root key of its REST API (named after NEXTAUTH_NS_ROOT_API_KEY of the newer docs)`,
        elements: [componentRef(nextauth)],
      };
    }
  },
  fix: {
    title: () => `Generate ${ROOT_API_KEY_VAR} at export`,
    apply: (project, d) =>
      updateComponent(project, d.elements[0]!.id as ComponentId, (c) =>
        Object.hasOwn(c.environment, ROOT_API_KEY_VAR)
          ? c
          : {
              ...c,
              environment: {
                ...c.environment,
                [ROOT_API_KEY_VAR]: { type: 'secret', length: SECRET_LENGTH.default },
              },
            },
      ),
  },
};
