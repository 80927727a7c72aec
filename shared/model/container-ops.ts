import type { Component, ComponentId, ContainerPort, PassValue, Project } from './types';

/**
 * Pure operations for what a custom container and pass-through keys add to the model: changing a
 * container's own ports (links, routes and publish entries follow a renamed port and go with a
 * removed one, so no reference is left dangling), and removing a kept key.
 */

/**
 * Replaces a container's ports. `renamed` maps old port names to new ones (the inspector's name
 * edits); every link, route and publish entry to a port that no longer exists is removed.
 */
export function setContainerPorts(
  project: Project,
  id: ComponentId,
  ports: readonly ContainerPort[],
  renamed: ReadonlyMap<string, string> = new Map(),
): Project {
  const target = project.components.find((c) => c.id === id);
  if (target === undefined || target.kind !== 'container') return project;
  const names = new Set(ports.map((p) => p.name));
  // A rename only counts when the new name is one of the ports now: otherwise the old name is simply gone.
  const follow = (port: string): string | undefined => {
    const next = renamed.get(port) ?? port;
    return names.has(next) ? next : undefined;
  };
  const publish = target.publish.flatMap((p) => {
    const port = follow(p.port);
    return port === undefined ? [] : [{ ...p, port }];
  });
  const links = project.links.flatMap((l) => {
    if (l.to !== id) return [l];
    const port = follow(l.port);
    return port === undefined ? [] : [port === l.port ? l : { ...l, port }];
  });
  const routes = project.routes.flatMap((r) => {
    if (r.target !== id) return [r];
    const port = follow(r.port);
    return port === undefined ? [] : [port === r.port ? r : { ...r, port }];
  });
  const components = project.components.map((c): Component => (c.id === id ? { ...c, ports, publish } : c));
  return { ...project, components, links, routes };
}

/** The record without `key`; undefined when nothing is left (the model holds no empty pass-through). */
function without(
  record: Readonly<Record<string, PassValue>> | undefined,
  key: string,
): Readonly<Record<string, PassValue>> | undefined {
  if (record === undefined || !Object.hasOwn(record, key)) return record;
  const out = Object.create(null) as Record<string, PassValue>;
  for (const k of Object.keys(record)) if (k !== key) out[k] = record[k] as PassValue;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Removes one kept key of a component, or of the project when `id` is undefined. */
export function removePassThrough(project: Project, id: ComponentId | undefined, key: string): Project {
  if (id === undefined) {
    const passThrough = without(project.passThrough, key);
    if (passThrough === project.passThrough) return project;
    const { passThrough: _gone, ...rest } = project;
    return passThrough === undefined ? rest : { ...rest, passThrough };
  }
  return {
    ...project,
    components: project.components.map((c) => {
      if (c.id !== id) return c;
      const passThrough = without(c.passThrough, key);
      if (passThrough === c.passThrough) return c;
      const { passThrough: _gone, ...rest } = c;
      return passThrough === undefined ? rest : { ...rest, passThrough };
    }),
  };
}
