import { updateComponent, type ComponentId } from '../../model/index';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

export const NA005: Rule = {
  id: 'NA005',
  name: 'nextauth-publishes-ports',
  title: 'nextauth or nextauth-mgmt publishes host ports',
  severity: 'warning',
  docs: DOCS.incoming,
  why: 'By design only portmap or the reverse proxy faces the outside; nextauth and mgmt stay on the compose network.',
  *check(ctx) {
    for (const c of [...ctx.ofKind('nextauth'), ...ctx.ofKind('nextauth-mgmt')]) {
      if (c.publish.length === 0) continue;
      const ports = c.publish.map((p) => `${p.hostPort}→${p.port}`).join(', ');
      yield {
        message: `${named(c)} publishes host ports (${ports}); reach it through portmap or the reverse proxy instead`,
        elements: [componentRef(c)],
      };
    }
  },
  fix: {
    title: () => 'Stop publishing host ports',
    apply: (project, d) => updateComponent(project, d.elements[0]!.id as ComponentId, (c) => ({ ...c, publish: [] })),
  },
};
