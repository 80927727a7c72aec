import { isDeployed, isExternal } from '../../catalog/index';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

const show = (s: string): string => JSON.stringify(s).slice(1, -1).slice(0, 40);

/**
 * Kept compose keys (pass-through, from an import) are written back under the component's
 * service. A component the export does not run — a server the customer runs (`external: true`),
 * an external service, a client — has no service, so its kept keys would be left out: nothing is
 * dropped silently, so this says so.
 */
export const NA048: Rule = {
  id: 'NA048',
  name: 'kept-keys-not-written',
  title: 'Kept compose keys on a component the export does not run',
  severity: 'warning',
  docs: DOCS.composeServices,
  why: 'Keys kept from an imported compose file are written back under the component’s service; a component that is not a container of this deployment has none, so they would be lost on export.',
  *check(ctx) {
    for (const c of ctx.project.components) {
      if (c.passThrough === undefined || isDeployed(c)) continue;
      const keys = Object.keys(c.passThrough);
      if (keys.length === 0) continue;
      yield {
        message: `${named(c)} is not a container of this deployment (${isExternal(c) ? 'the customer runs it' : 'nothing runs it here'}), so the compose export does not write its kept keys (${keys.map(show).join(', ')}); remove them, or run it here`,
        elements: [componentRef(c)],
      };
    }
  },
};
