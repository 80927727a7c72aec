import { addHost, setComponentHosts } from '../../shared/model/hosts-ops';
import type { ComponentId, HostId, Project } from '../../shared/model/types';

/** The project with hosts of these names added (ids = names), in order. */
export function withHosts(p: Project, ...names: string[]): Project {
  return names.reduce((next, name) => addHost(next, { name, id: name }).project, p);
}

/** Component `id` running on these hosts (by id), in order. */
export const onHosts = (p: Project, id: string, ...hosts: string[]): Project =>
  setComponentHosts(p, id as ComponentId, hosts as HostId[]);
