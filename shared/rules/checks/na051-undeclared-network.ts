import { DEFAULT_NETWORK } from '../../model/constraints';
import { addNetwork } from '../../model/networks';
import type { Project } from '../../model/types';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';
import { listNetworks } from './networks';

/**
 * A component naming a network the project does not declare: compose refuses a service on an
 * undefined network ("Service uses an undefined network"). compose's `default` needs no
 * declaration. In a project that declares no networks at all, a component's networks are not
 * written (the export chooses Portolan's own), which this says too.
 */
export const NA051: Rule = {
  id: 'NA051',
  name: 'undeclared-network',
  title: 'A component names a network the project does not declare',
  severity: 'error',
  docs: DOCS.composeServiceNetworks,
  why: 'docker-compose refuses a service on a network the file does not define, so the exported stack would not start.',
  *check(ctx) {
    const declared = new Set(ctx.project.networks?.map((n) => n.name) ?? []);
    const none = ctx.project.networks === undefined;
    for (const c of ctx.project.components) {
      const missing = (c.networks ?? []).filter((n) => !declared.has(n) && (none || n !== DEFAULT_NETWORK));
      if (missing.length === 0) continue;
      yield {
        message: none
          ? `${named(c)} names networks (${listNetworks(missing)}), but the project declares none, so the export does not write them; clear them, or declare the project's networks`
          : `${named(c)} is on ${missing.length === 1 ? 'network' : 'networks'} ${listNetworks(missing)}, which the project does not declare; declare ${missing.length === 1 ? 'it' : 'them'} or take ${named(c)} off`,
        elements: [componentRef(c)],
      };
    }
  },
  fix: {
    // Where the project declares networks: declare the missing ones. In a drawing: clear the
    // component's networks (declaring the drawing's first network would replace all of
    // Portolan's own networks, which is no quick fix).
    title: (d, project) =>
      project.networks === undefined
        ? 'Clear its networks (the export chooses them)'
        : `Declare ${listNetworks(missingOf(project, d.elements[0]?.id))}`,
    apply: (project, d) => {
      if (project.networks !== undefined) return missingOf(project, d.elements[0]?.id).reduce(addNetwork, project);
      return {
        ...project,
        components: project.components.map((c) => {
          if (c.id !== d.elements[0]?.id) return c;
          const { networks: _networks, networkPassThrough: _settings, ...rest } = c;
          return rest;
        }),
      };
    },
  },
};

function missingOf(project: Project, id: string | undefined): string[] {
  const c = project.components.find((x) => x.id === id);
  const declared = new Set(project.networks?.map((n) => n.name) ?? []);
  return (c?.networks ?? []).filter((n) => !declared.has(n) && n !== DEFAULT_NETWORK);
}
