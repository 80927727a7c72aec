import type { Component } from '../../model/types';
import { dnsLabel } from './names';

/**
 * The labels every object carries. `app.kubernetes.io/instance` (the component's Kubernetes name)
 * is the one selectors use — Services, NetworkPolicies, PodDisruptionBudgets, anti-affinity — so
 * it is unique per component within the namespace.
 */
export const INSTANCE_LABEL = 'app.kubernetes.io/instance';

/**
 * The label an operator puts on the pods of a caller outside the deployment (the business
 * application calling the REST API, say), with the caller's Kubernetes name as value: the
 * NetworkPolicies admit exactly those pods, in any namespace, to the ports the drawing connects
 * them to.
 */
export const CALLER_LABEL = 'portolan.dev/caller';

export const selectorOf = (name: string): Record<string, string> => ({ [INSTANCE_LABEL]: name });

/** The project a label names: its compose project name, cut to a label value (at most 63 characters). */
export const partOfLabel = (projectName: string): string => dnsLabel(projectName);

export function labelsOf(c: Component, projectName: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': c.kind === 'container' ? 'container' : c.kind,
    [INSTANCE_LABEL]: c.id,
    'app.kubernetes.io/part-of': partOfLabel(projectName),
    'app.kubernetes.io/managed-by': 'portolan',
  };
}
