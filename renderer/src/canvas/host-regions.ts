/**
 * The host regions the canvas draws (HostLayer.tsx), from the drawing's exact diagram — never a
 * drag frame's: hosts move when a drag is dropped, so a drag costs nothing more for them. A
 * project without hosts costs one check; otherwise the regions are computed once per document and
 * exact diagram (remembered by the diagram object) and the same array is handed out again, so the
 * layer re-renders only when they changed.
 */
import { hostRegions } from '../../../shared/diagram/hosts';
import type { Diagram, DiagramHost } from '../../../shared/diagram/types';
import { declaresHosts } from '../../../shared/model/hosts';
import type { Project } from '../../../shared/model/types';

const remembered = new WeakMap<Diagram, { project: Project; hosts: readonly DiagramHost[] }>();

/** The regions of `project`'s hosts over its exact `diagram`; undefined when it declares none. */
export function hostsFor(project: Project, diagram: Diagram): readonly DiagramHost[] | undefined {
  if (!declaresHosts(project)) return undefined;
  const hit = remembered.get(diagram);
  if (hit?.project === project) return hit.hosts;
  // Not `diagram.hosts`: the mapper keeps an exact diagram across edits that move nothing (a
  // component put on another host is one), so its own regions may be those of an older document.
  const hosts = hostRegions(project, diagram);
  remembered.set(diagram, { project, hosts });
  return hosts;
}
