import type { Component } from '../../model/types';
import type { DeploymentPlan, Site } from '../plan';
import type { Controller, KubernetesOptions } from './types';

/**
 * In the cluster an ingress controller takes the place of every entry point of the drawing (a
 * reverse proxy, or portmap): Traefik for a Traefik proxy, ingress-nginx for the others — HAProxy
 * and Caddy have no ingress controller this export writes for, and portmap's own routing is not
 * documented, so its routes become Ingress rules like a proxy's.
 */

const CONTROLLERS: Readonly<Record<Controller['flavour'], Omit<Controller, 'namespace'>>> = {
  // The labels of ingress-nginx's controller pods in its official deployment manifests.
  nginx: {
    flavour: 'nginx',
    podLabels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
  },
  // The labels of Traefik's pods in its Helm chart.
  traefik: { flavour: 'traefik', podLabels: { 'app.kubernetes.io/name': 'traefik' } },
};

const DEFAULT_NAMESPACE: Readonly<Record<Controller['flavour'], string>> = {
  nginx: 'ingress-nginx',
  traefik: 'traefik',
};

export interface EntryPoint {
  readonly entry: Component;
  readonly sites: readonly Site[];
  readonly controller: Controller;
}

export function entryPoints(plan: DeploymentPlan, options: KubernetesOptions): EntryPoint[] {
  const controller = (flavour: Controller['flavour']): Controller => ({
    ...CONTROLLERS[flavour],
    namespace: options.ingressNamespace ?? DEFAULT_NAMESPACE[flavour],
  });
  return [
    ...plan.proxies.map((p) => ({
      entry: p.entry,
      sites: p.sites,
      controller: controller(p.flavour === 'traefik' ? 'traefik' : 'nginx'),
    })),
    ...plan.portmaps.map((p) => ({ entry: p.entry, sites: p.sites, controller: controller('nginx') })),
  ];
}
