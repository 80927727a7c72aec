import { renamedOverrideNotes } from '../renamed-overrides';
import { isDeployed } from '../../catalog/index';
import { isEntryPoint } from '../../model/constraints';
import type { Project } from '../../model/types';
import type { DeploymentPlan, PlanService } from '../plan';
import type { EntryPoint } from './controllers';
import { unusualPort } from './ingress';
import type { PodPort } from './ports';

/**
 * What the drawing says that the Kubernetes objects cannot, or where the operator must act, one
 * sentence each for the export's README. Names are Kubernetes names and host names (plain
 * characters), so the Markdown needs no escaping.
 */

export interface NotesInput {
  /** The project as drawn (its ids, its settings). */
  readonly project: Project;
  /** The plan of the renamed project. */
  readonly plan: DeploymentPlan;
  readonly points: readonly EntryPoint[];
  readonly pods: readonly PlanService[];
  readonly originalId: ReadonlyMap<string, string>;
}

function entryNotes(points: readonly EntryPoint[]): string[] {
  const notes: string[] = [];
  for (const p of points) {
    if (p.entry.kind === 'reverse-proxy' && p.controller.flavour === 'nginx' && p.entry.flavour !== 'nginx')
      notes.push(
        `The ${p.entry.flavour ?? 'reverse'} proxy \`${p.entry.id}\` is served by ingress-nginx here: this export writes no ${p.entry.flavour ?? ''} ingress.`,
      );
    if (p.entry.kind === 'nextauth-portmap')
      notes.push(
        `portmap \`${p.entry.id}\` is replaced by ingress-nginx, carrying the same routes (portmap's own routing is not documented).`,
      );
    for (const s of p.sites)
      if (unusualPort(s))
        notes.push(
          p.controller.flavour === 'traefik'
            ? `${s.host} is served on port ${s.publicPort}: define a Traefik entry point \`port-${s.publicPort}\` on that port.`
            : `${s.host} is served on port ${s.publicPort}, which an Ingress cannot express: ingress-nginx serves it on ${s.tls ? 443 : 80}; expose ${s.publicPort} on the controller's Service if clients need it.`,
        );
  }
  return notes;
}

export function operatorNotes({ project, plan, points, pods, originalId }: NotesInput): string[] {
  const notes = entryNotes(points);
  // A typed connection override names the project's id; in the cluster the Service may be named otherwise.
  notes.push(...renamedOverrideNotes(plan, originalId, "the cluster's Service"));
  if (points.length > 0)
    notes.push(
      `The project's TLS policy (Mozilla's ${project.settings.tls?.profile ?? 'intermediate'} profile, HSTS) belongs to the ingress controller, not to these objects: set it in ingress-nginx's ConfigMap (ssl-protocols, ssl-ciphers, hsts) or a Traefik TLSOption.`,
    );
  for (const s of pods)
    if (s.component.passThrough !== undefined && Object.keys(s.component.passThrough).length > 0)
      notes.push(
        `\`${s.name}\` has compose settings kept from an import (${Object.keys(s.component.passThrough).sort().join(', ')}); they are not carried into Kubernetes.`,
      );
  return notes;
}

/** Callers outside the deployment linked to a port of one of its pods (the business application, say). */
export function outsideCallers(plan: DeploymentPlan, portsOf: ReadonlyMap<string, readonly PodPort[]>): string[] {
  const byId = new Map(plan.project.components.map((c) => [c.id as string, c]));
  const callers = new Set<string>();
  for (const l of plan.project.links) {
    const from = byId.get(l.from);
    if (from && !isDeployed(from) && !isEntryPoint(from) && portsOf.has(l.to)) callers.add(from.id);
  }
  return [...callers].sort();
}
