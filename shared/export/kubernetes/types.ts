import type { YamlMap } from '../yaml';
import type { ExportOptions } from '../types';

/** One Kubernetes object as plain data, written as YAML. */
export type Manifest = YamlMap;

export interface KubernetesOptions extends ExportOptions {
  /** The namespace of the deployment; default: the project's name as an RFC 1035 label. */
  readonly namespace?: string;
  /**
   * The namespace the ingress controller runs in, which the NetworkPolicies admit to the routed
   * ports; default `ingress-nginx` (ingress-nginx's manifests) or `traefik` (Traefik's chart).
   */
  readonly ingressNamespace?: string;
}

/** The ingress controller that replaces an entry point of the drawing in the cluster. */
export interface Controller {
  readonly flavour: 'nginx' | 'traefik';
  readonly namespace: string;
  /** The controller's pod labels as its official manifests or chart set them. */
  readonly podLabels: Readonly<Record<string, string>>;
}
