import { declaresHosts, hostAddressProblem, hostNameProblem, runsOnAHost } from './hosts';
import { uniqueId, usedIds } from './ops';
import type { Component, ComponentId, Host, HostId, Project } from './types';

/**
 * Pure operations on a project's hosts (model/hosts.ts says where replicas run). Like every
 * operation in shared/model they return a new project and throw on a value the model must never
 * hold (the inspector validates with hostNameProblem / hostAddressProblem first). A project left
 * with no hosts drops the key, so it is saved in its older format with its old bytes.
 */

function withHosts(project: Project, hosts: readonly Host[]): Project {
  const { hosts: _old, ...rest } = project;
  return hosts.length === 0 ? rest : { ...rest, hosts };
}

function checkedName(project: Project, name: string, self?: HostId): string {
  const problem = hostNameProblem(name, project, self);
  if (problem !== undefined) throw new RangeError(problem);
  return name;
}

function checkedAddress(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  const problem = hostAddressProblem(address);
  if (problem !== undefined) throw new RangeError(problem);
  return address;
}

/** A name for the next host: "host-1", "host-2", … the first one no host has. */
export function nextHostName(project: Project): string {
  const taken = new Set((project.hosts ?? []).map((h) => h.name.toLowerCase()));
  for (let n = (project.hosts?.length ?? 0) + 1; ; n++) if (!taken.has(`host-${n}`)) return `host-${n}`;
}

/**
 * Adds a host at the end. The first host declared takes over from the implicit one: components
 * without a list of their own run on the first host, so nothing moves.
 */
export function addHost(
  project: Project,
  spec: { readonly name: string; readonly address?: string; readonly id?: string },
): { project: Project; id: HostId } {
  const name = checkedName(project, spec.name);
  const address = checkedAddress(spec.address);
  const id = (spec.id ?? uniqueId(project, name)) as HostId;
  if (usedIds(project).has(id)) throw new Error(`id "${id}" is already used`);
  const host: Host = { id, name, ...(address !== undefined ? { address } : {}) };
  return { project: withHosts(project, [...(project.hosts ?? []), host]), id };
}

function updateHost(project: Project, id: HostId, change: (h: Host) => Host): Project {
  if (!(project.hosts ?? []).some((h) => h.id === id)) return project;
  return withHosts(
    project,
    project.hosts!.map((h) => (h.id === id ? change(h) : h)),
  );
}

export function renameHost(project: Project, id: HostId, name: string): Project {
  const checked = checkedName(project, name, id);
  return updateHost(project, id, (h) => ({ ...h, name: checked }));
}

/** Sets the address other hosts reach it by; undefined removes it (the export will ask). */
export function setHostAddress(project: Project, id: HostId, address: string | undefined): Project {
  const checked = checkedAddress(address);
  return updateHost(project, id, (h) => {
    const { address: _old, ...rest } = h;
    return checked === undefined ? rest : { ...rest, address: checked };
  });
}

/** A component's list without `gone`; no list left means the project's first host (the key is dropped). */
function without(c: Component, gone: HostId): Component {
  if (c.hosts === undefined || !c.hosts.includes(gone)) return c;
  const { hosts: _old, ...rest } = c;
  const left = c.hosts.filter((h) => h !== gone);
  return left.length === 0 ? rest : { ...rest, hosts: left };
}

/**
 * Removes a host. Components that listed it keep their other hosts — their replicas are spread
 * over the remaining ones — and one that ran only there moves to the project's first host.
 * Removing the last host leaves the implicit one (and the older format).
 */
export function removeHost(project: Project, id: HostId): Project {
  if (!(project.hosts ?? []).some((h) => h.id === id)) return project;
  const next = withHosts(
    project,
    project.hosts!.filter((h) => h.id !== id),
  );
  const components = project.components.map((c) => without(c, id));
  // Without declared hosts, no component keeps a list (there is nothing it could name).
  return {
    ...next,
    components: declaresHosts(next) ? components : components.map(({ hosts: _h, ...rest }) => rest),
  };
}

/**
 * The hosts component `id` runs on, in order (replica i on hosts[i % n]). Ids the project does
 * not declare and repeats are left out; an empty list drops the key (the first host). A component
 * that runs on no host (a client, an external service) is left as it is.
 */
export function setComponentHosts(project: Project, id: ComponentId, hosts: readonly HostId[]): Project {
  const known = new Set((project.hosts ?? []).map((h) => h.id));
  const list = [...new Set(hosts)].filter((h) => known.has(h));
  return {
    ...project,
    components: project.components.map((c) => {
      if (c.id !== id || !runsOnAHost(c)) return c;
      const { hosts: _old, ...rest } = c;
      return list.length === 0 ? rest : { ...rest, hosts: list };
    }),
  };
}

/**
 * Components as they may enter this project (a paste from another document): host ids it does
 * not declare are dropped, so nothing refers to a host that is not there.
 */
export function keepKnownHosts(project: Pick<Project, 'hosts'>, components: readonly Component[]): Component[] {
  const known = new Set((project.hosts ?? []).map((h) => h.id));
  return components.map((c) => {
    if (c.hosts === undefined) return c;
    const { hosts: _old, ...rest } = c;
    const list = c.hosts.filter((h) => known.has(h));
    return list.length === 0 ? rest : { ...rest, hosts: list };
  });
}
