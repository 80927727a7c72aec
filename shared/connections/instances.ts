import type { Component, Project } from '../model/types';

/**
 * How many nextauth instances the project runs: the replicas of every nextauth component, summed.
 * Three components of one replica and one component of three replicas are the same thing to the
 * rules that care (shared state through Redis, Sentinel quorum, every instance behind the entry
 * point), so every such rule asks this one function.
 */
export function nextauthInstances(project: Pick<Project, 'components'>): number {
  let n = 0;
  for (const c of project.components) if (c.kind === 'nextauth') n += c.replicas;
  return n;
}

/** The nextauth components, for messages that name them. */
export const nextauthComponents = (project: Pick<Project, 'components'>): Component[] =>
  project.components.filter((c) => c.kind === 'nextauth');
