import type { ExportFile } from '../types';
import { CALLER_LABEL } from './labels';
import { HOST_NODE_LABEL, type HostPool } from './placement';
import { APPLY_SCRIPT, SECRET_FILE } from './secrets';
import { DATA_VOLUME_SIZE } from './workloads';

/** The export's README: how an operator applies it, and what the cluster must provide. */

export interface ReadmeFacts {
  readonly namespace: string;
  readonly controllers: readonly { readonly flavour: string; readonly namespace: string }[];
  readonly hasSecrets: boolean;
  /** Components whose data lives on a volume claim (a database or Redis of the deployment). */
  readonly stateful: readonly string[];
  readonly tlsHosts: readonly string[];
  /** Callers outside the deployment, by Kubernetes name, that the policies admit by label. */
  readonly callers: readonly string[];
  /** The drawing's hosts as node pools (placement.ts); empty for a project without hosts. */
  readonly hostPools: readonly HostPool[];
  /** Things the drawing says that Kubernetes objects cannot, one sentence each. */
  readonly notes: readonly string[];
}

const code = (text: string): string => `\`${text.replaceAll('`', "'")}\``;

export function readme(f: ReadmeFacts): ExportFile {
  const lines = [
    '# Kubernetes deployment',
    '',
    `Written by Portolan from the checked drawing: a kustomize ${code('base/')} (namespace ${code(f.namespace)}) and an overlay ${code('overlays/production/')} to patch. Secrets are never in the base.`,
    '',
    '## Apply',
    '',
    ...(f.hasSecrets
      ? [`1. Fill in the empty values in ${code(SECRET_FILE)} (keep the file out of version control).`]
      : []),
    ...(f.tlsHosts.length > 0
      ? [
          `1. Put each host's certificate and key in ${code('secrets/certs/')}: ${f.tlsHosts.map((h) => code(`${h}.crt`)).join(', ')} and the matching ${code('.key')} files.`,
        ]
      : []),
    `1. ${code(`sh ${APPLY_SCRIPT}`)}: creates the namespace and the Secrets.`,
    `1. ${code('kubectl apply -k overlays/production')} (check first with ${code('kubectl kustomize overlays/production')}).`,
    '',
    '## What the cluster must provide',
    '',
    ...f.controllers.map(
      (c) =>
        `- The ${c.flavour === 'traefik' ? 'Traefik' : 'ingress-nginx'} controller in namespace ${code(c.namespace)}: it replaces the drawing's entry point, and the NetworkPolicies admit only its pods to the routed ports.`,
    ),
    '- A network plugin that enforces NetworkPolicies (Calico, Cilium, …); without one they are ignored. Every pod starts denied, then exactly the drawn connections are allowed, and DNS to the cluster DNS (`k8s-app=kube-dns` in `kube-system`).',
    ...(f.stateful.length > 0
      ? [
          `- A default StorageClass for the data volumes of ${f.stateful.map(code).join(', ')} (${DATA_VOLUME_SIZE} each to start; size them in the overlay).`,
        ]
      : []),
    ...(f.hostPools.length > 0
      ? [
          `- Nodes labelled for the drawing's hosts: each host is a node pool, and every pod is placed on its host's nodes (${code('nodeSelector')}, or a required node affinity for a component spread over several hosts). Label each node of a pool (${code(`kubectl label node NODE ${HOST_NODE_LABEL}=HOST`)}); a pod whose pool has no labelled node stays Pending:`,
          ...f.hostPools.map(
            (p) =>
              `  - ${code(`${HOST_NODE_LABEL}=${p.host.id}`)}: host ${code(p.host.name)}${p.host.address !== undefined ? ` (${code(p.host.address)} in the drawing)` : ''}, runs ${p.runs.length > 0 ? p.runs.map(code).join(', ') : 'no replica yet'}.`,
          ),
        ]
      : []),
    ...f.callers.map(
      (c) =>
        `- Label the pods of ${code(c)} (a caller outside this deployment) ${code(`${CALLER_LABEL}=${c}`)}: only they reach the ports the drawing connects it to.`,
    ),
    '',
    '## Notes',
    '',
    '- Egress to the outside (license server, push services, a database or Redis the customer runs) is allowed to any address on the documented port: a NetworkPolicy cannot name hosts. Narrow it with the real addresses where you know them.',
    "- Resources (CPU, memory) are left to you: patch them in the overlay. Probes are set only where the image documents a check (database, Redis); nextAuth's images document none.",
    ...f.notes.map((n) => `- ${n}`),
    '',
  ];
  return { path: 'README.md', mode: 0o644, contents: lines.join('\n') };
}
