import { crossingsOf } from '../../export/hosts/reach';
import { updateComponent, type ComponentId } from '../../model/index';
import type { Component, Project, Publish } from '../../model/types';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

/**
 * nextauth and mgmt stay on the compose network; only portmap or the reverse proxy faces the
 * outside. One exception across hosts (issue 16): a port another host's link or route arrives
 * on must be published, and the per-host export binds such a publish — one without an address of
 * its own — to the host's private address only (export/hosts/host-plan.ts, names.ts: bindOf),
 * which is what multi-host needs and no exposure. A publish with an explicit address binds that
 * address as written (0.0.0.0 included), so it is still reported, as is any port no crossing uses.
 */

/** Whether a link or route from another host arrives at `c` on the port `p` publishes (export/hosts/reach.ts). */
const crossed = (project: Project, c: Component, p: Publish): boolean =>
  crossingsOf(project).some((x) => x.to.id === c.id && x.portName === p.port && x.hostPort !== undefined);

const explicitAddress = (p: Publish): boolean => p.hostIp !== undefined && p.hostIp !== '';

/** Whether the per-host export binds `p` of `c` on its host's private address for a crossing that arrives there. */
const forOtherHosts = (project: Project, c: Component, p: Publish): boolean =>
  !explicitAddress(p) && crossed(project, c, p);

/** The publishes of `c` NA005 reports: all but those other hosts reach on the private address. */
const exposed = (project: Project, c: Component): Publish[] => c.publish.filter((p) => !forOtherHosts(project, c, p));

export const NA005: Rule = {
  id: 'NA005',
  name: 'nextauth-publishes-ports',
  title: 'nextauth or nextauth-mgmt publishes host ports',
  severity: 'warning',
  docs: DOCS.incoming,
  why: 'By design only portmap or the reverse proxy faces the outside; nextauth and mgmt stay on the compose network.',
  *check(ctx) {
    for (const c of [...ctx.ofKind('nextauth'), ...ctx.ofKind('nextauth-mgmt')]) {
      const shown = exposed(ctx.project, c);
      if (shown.length === 0) continue;
      const ports = shown.map((p) => `${p.hostPort}→${p.port}`).join(', ');
      yield {
        message: `${named(c)} publishes host ports (${ports}); reach it through portmap or the reverse proxy instead`,
        elements: [componentRef(c)],
      };
    }
  },
  fix: {
    title: () => 'Stop publishing host ports',
    // A port another host needs keeps its publish without its own address, so the per-host export
    // binds it on the private address: removing it would only trade this warning for NA054's error.
    apply: (project, d) =>
      updateComponent(project, d.elements[0]!.id as ComponentId, (c) => {
        const drop = new Set(exposed(project, c));
        const publish = c.publish.flatMap((p): Publish[] => {
          if (!drop.has(p)) return [p];
          if (!crossed(project, c, p)) return [];
          const { hostIp: _, ...rest } = p;
          return [rest];
        });
        return { ...c, publish };
      }),
  },
};
