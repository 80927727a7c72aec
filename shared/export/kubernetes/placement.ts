import { componentHostIds, declaresHosts, hostsOf, instancesOn } from '../../model/hosts';
import type { Component, Host, Project } from '../../model/types';
import type { PlanService } from '../plan';
import type { YamlNode } from '../yaml';

/**
 * The drawing's hosts as node pools, from model/hosts.ts (the one placement home): the nodes of
 * host ID carry the label `portolan.dev/host=ID`. A component on one host gets a nodeSelector; one
 * spread over several a required node affinity `In` those ids — it must not land on another
 * host's pool — plus a topology spread over the label, so its replicas divide between the pools
 * as the drawing's round robin does (ScheduleAnyway: a pool that is down or full must not keep a
 * replica from running). A project without declared hosts gets none of these, so its manifests
 * are what they were before hosts.
 */

export const HOST_NODE_LABEL = 'portolan.dev/host';

export interface HostPlacement {
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** The node affinity, merged into the pod's `affinity` beside the anti-affinity. */
  readonly nodeAffinity?: YamlNode;
  readonly topologySpreadConstraints?: readonly YamlNode[];
}

export function hostPlacement(
  project: Project,
  component: Component,
  replicas: number,
  selector: Readonly<Record<string, string>>,
): HostPlacement {
  if (!declaresHosts(project)) return {};
  const ids = componentHostIds(project, component);
  if (ids.length === 0) return {};
  if (ids.length === 1) return { nodeSelector: { [HOST_NODE_LABEL]: ids[0]! } };
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: HOST_NODE_LABEL, operator: 'In', values: [...ids] }] }],
      },
    },
    ...(replicas > 1
      ? {
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: HOST_NODE_LABEL,
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: { ...selector } },
            },
          ],
        }
      : {}),
  };
}

export interface HostPool {
  readonly host: Host;
  /** The Kubernetes names of the components with at least one replica there. */
  readonly runs: readonly string[];
}

/** The declared hosts some pod is placed on, in project order, for README.md's `kubectl label` lines. */
export function hostPools(project: Project, pods: readonly PlanService[]): HostPool[] {
  if (!declaresHosts(project)) return [];
  const used = new Set(pods.flatMap((s) => componentHostIds(project, s.component)));
  return hostsOf(project)
    .filter((h) => used.has(h.id))
    .map((host) => ({
      host,
      runs: pods.filter((s) => instancesOn(project, s.component, host.id) > 0).map((s) => s.name),
    }));
}
