import { componentPorts, isDeployed, portNumber } from '../../catalog/index';
import { updateComponent } from '../../model/index';
import type { Component, ComponentId, Project } from '../../model/types';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

/** Without allocating a key list: this runs for every component on every edit. */
function hasOverride(c: Component): boolean {
  for (const _ in c.portOverrides) return true;
  return false;
}

/** The component's named ports grouped by the number they end up on (overrides applied). */
function clashes(c: Component): [number, string[]][] {
  const byNumber = new Map<number, string[]>();
  for (const p of componentPorts(c)) {
    const n = portNumber(c, p.name);
    if (n === undefined) continue;
    const list = byNumber.get(n);
    if (list) list.push(p.name);
    else byNumber.set(n, [p.name]);
  }
  return [...byNumber].filter(([, names]) => names.length > 1);
}

/**
 * One container cannot serve two of its documented ports on one number: a port override that
 * lands on another port's number (the Mobile API moved to the REST API's 8888, say) makes every
 * route, link and upstream to either port reach the same listener — a public Mobile API URL would
 * then serve the REST API, which must stay private.
 */
export const NA045: Rule = {
  id: 'NA045',
  name: 'port-number-clash',
  title: 'Two ports of one component on the same number',
  severity: 'error',
  docs: DOCS.incoming,
  why: 'Each documented port is its own listener; two on one number means traffic for one reaches the other, such as the private REST API behind a public URL.',
  *check(ctx) {
    for (const c of ctx.project.components) {
      if (!hasOverride(c) || !isDeployed(c)) continue;
      for (const [number, names] of clashes(c)) {
        yield {
          message: `${named(c)} has ${names.join(' and ')} on the same port ${number}; move one of them (port overrides)`,
          elements: [componentRef(c)],
        };
      }
    }
  },
  fix: {
    applies: (d, project) => fixed(project, d.elements[0]?.id) !== undefined,
    title: (d, project) => `Put ${fixed(project, d.elements[0]?.id)!.port} back on its documented port`,
    apply(project, d) {
      const f = fixed(project, d.elements[0]?.id);
      if (f === undefined) return project;
      return updateComponent(project, f.component.id as ComponentId, (c) => {
        const { [f.port]: _removed, ...portOverrides } = c.portOverrides;
        return { ...c, portOverrides };
      });
    },
  },
};

/** The overridden port whose removal ends every clash of the component, if one does. */
function fixed(project: Project, id: string | undefined): { component: Component; port: string } | undefined {
  const component = project.components.find((c) => c.id === id);
  if (component === undefined) return undefined;
  for (const port of Object.keys(component.portOverrides).sort()) {
    const { [port]: _dropped, ...rest } = component.portOverrides;
    if (clashes({ ...component, portOverrides: rest }).length === 0) return { component, port };
  }
  return undefined;
}
