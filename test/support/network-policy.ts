/**
 * A small NetworkPolicy evaluator (networking.k8s.io/v1 semantics) for tests: "may this peer open
 * port P on that one?", answered from the policies alone, no cluster. It follows the API's rules:
 * - a pod selected by no policy of a direction (Ingress/Egress) is open in that direction;
 * - once selected, a connection is allowed only if some rule of some selecting policy allows it
 *   (rules are additive, there is no deny); a connection needs both the source's egress and the
 *   destination's ingress;
 * - a peer is an `ipBlock` (cluster-external addresses; `except` carved out), or pod and/or
 *   namespace selectors (a `podSelector` alone means the policy's own namespace; an empty
 *   selector matches everything);
 * - `policyTypes` defaults to Ingress, plus Egress when the policy has egress rules; a rule
 *   without `from`/`to` matches every peer, without `ports` every port; a port may be named (the
 *   destination pod's container port of that name) and carry an `endPort`.
 */

export type Labels = Readonly<Record<string, string>>;

export interface Pod {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly ports?: readonly { readonly name?: string; readonly containerPort: number; readonly protocol?: string }[];
}

/** A pod, or an address outside the cluster. */
export type Peer = { readonly pod: Pod } | { readonly ip: string };

export interface Selector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] }[];
}

interface PolicyPeer {
  readonly podSelector?: Selector;
  readonly namespaceSelector?: Selector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}
interface PolicyPort {
  readonly protocol?: string;
  readonly port?: number | string;
  readonly endPort?: number;
}
interface PolicyRule {
  readonly from?: readonly PolicyPeer[];
  readonly to?: readonly PolicyPeer[];
  readonly ports?: readonly PolicyPort[];
}
export interface NetworkPolicyObject {
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly spec: {
    readonly podSelector: Selector;
    readonly policyTypes?: readonly string[];
    readonly ingress?: readonly PolicyRule[];
    readonly egress?: readonly PolicyRule[];
  };
}

export function matches(selector: Selector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const inValues = has && (e.values ?? []).includes(labels[e.key]!);
    const ok =
      e.operator === 'In'
        ? inValues
        : e.operator === 'NotIn'
          ? !inValues
          : e.operator === 'Exists'
            ? has
            : e.operator === 'DoesNotExist'
              ? !has
              : false;
    if (!ok) return false;
  }
  return true;
}

/** An address as a number and its width (32 or 128 bits); undefined when it is not one. */
function parseIp(text: string): { value: bigint; bits: 32 | 128 } | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const parts = text.split('.').map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { value: parts.reduce((a, p) => (a << 8n) | BigInt(p), 0n), bits: 32 };
  }
  if (!text.includes(':')) return undefined;
  const [head, tail, extra] = text.split('::');
  if (extra !== undefined) return undefined;
  const words = (s: string | undefined) => (s === undefined || s === '' ? [] : s.split(':'));
  const h = words(head);
  const t = words(tail);
  const fill = tail === undefined ? 0 : 8 - h.length - t.length;
  const all = [...h, ...Array<string>(fill).fill('0'), ...t];
  if (all.length !== 8 || all.some((w) => !/^[0-9a-f]{1,4}$/i.test(w))) return undefined;
  return { value: all.reduce((a, w) => (a << 16n) | BigInt(Number.parseInt(w, 16)), 0n), bits: 128 };
}

export function cidrContains(cidr: string, ip: string): boolean {
  const [base, lengthText] = cidr.split('/');
  const net = parseIp(base ?? '');
  const addr = parseIp(ip);
  const length = Number(lengthText);
  if (!net || !addr || net.bits !== addr.bits || !Number.isInteger(length) || length < 0 || length > net.bits)
    return false;
  const shift = BigInt(net.bits - length);
  return net.value >> shift === addr.value >> shift;
}

export class Cluster {
  constructor(
    private readonly policies: readonly NetworkPolicyObject[],
    /** The namespace policies without their own are in (kustomize's `namespace:`). */
    private readonly policyNamespace: string,
    /** Extra namespace labels; every namespace has `kubernetes.io/metadata.name`. */
    private readonly namespaceLabels: Readonly<Record<string, Labels>> = {},
  ) {}

  private nsLabels(ns: string): Labels {
    return { ...this.namespaceLabels[ns], 'kubernetes.io/metadata.name': ns };
  }

  private selecting(pod: Pod, type: 'Ingress' | 'Egress'): NetworkPolicyObject[] {
    return this.policies.filter((p) => {
      const ns = p.metadata.namespace ?? this.policyNamespace;
      const types = p.spec.policyTypes ?? ['Ingress', ...(p.spec.egress ? ['Egress'] : [])];
      return ns === pod.namespace && types.includes(type) && matches(p.spec.podSelector, pod.labels);
    });
  }

  private peerMatches(peer: PolicyPeer, other: Peer, policyNs: string): boolean {
    if (peer.ipBlock)
      return (
        'ip' in other &&
        cidrContains(peer.ipBlock.cidr, other.ip) &&
        !(peer.ipBlock.except ?? []).some((e) => cidrContains(e, other.ip))
      );
    if (!('pod' in other)) return false;
    if (peer.namespaceSelector) {
      if (!matches(peer.namespaceSelector, this.nsLabels(other.pod.namespace))) return false;
    } else if (other.pod.namespace !== policyNs) return false;
    return peer.podSelector ? matches(peer.podSelector, other.pod.labels) : true;
  }

  private portMatches(
    rulePorts: readonly PolicyPort[] | undefined,
    port: number,
    protocol: string,
    dest: Peer,
  ): boolean {
    if (rulePorts === undefined || rulePorts.length === 0) return true;
    return rulePorts.some((p) => {
      if ((p.protocol ?? 'TCP') !== protocol) return false;
      if (p.port === undefined) return true;
      let number: number | undefined;
      if (typeof p.port === 'number') number = p.port;
      else if ('pod' in dest)
        number = dest.pod.ports?.find((q) => q.name === p.port && (q.protocol ?? 'TCP') === protocol)?.containerPort;
      if (number === undefined) return false;
      return p.endPort === undefined ? port === number : port >= number && port <= p.endPort;
    });
  }

  private allows(
    policies: readonly NetworkPolicyObject[],
    direction: 'ingress' | 'egress',
    other: Peer,
    port: number,
    protocol: string,
    dest: Peer,
  ): boolean {
    if (policies.length === 0) return true;
    return policies.some((p) =>
      (p.spec[direction] ?? []).some((rule) => {
        const peers = direction === 'ingress' ? rule.from : rule.to;
        const ns = p.metadata.namespace ?? this.policyNamespace;
        return (
          (peers === undefined || peers.length === 0 || peers.some((peer) => this.peerMatches(peer, other, ns))) &&
          this.portMatches(rule.ports, port, protocol, dest)
        );
      }),
    );
  }

  /** May `from` open `port`/`protocol` on `to`? (An address outside the cluster has no policies of its own.) */
  mayConnect(from: Peer, to: Peer, port: number, protocol = 'TCP'): boolean {
    const egressOk =
      !('pod' in from) || this.allows(this.selecting(from.pod, 'Egress'), 'egress', to, port, protocol, to);
    const ingressOk =
      !('pod' in to) || this.allows(this.selecting(to.pod, 'Ingress'), 'ingress', from, port, protocol, to);
    return egressOk && ingressOk;
  }
}
