import { componentPort, getKind, isDeployed, portNumber } from '../../catalog/index';
import { isEntryPoint, transportOf } from '../../model/constraints';
import type { Component } from '../../model/types';
import type { DeploymentPlan } from '../plan';
import type { YamlNode } from '../yaml';
import type { EntryPoint } from './controllers';
import { CALLER_LABEL, selectorOf } from './labels';
import { OWN_PREFIX } from './names';
import type { PodPort } from './ports';
import { publishedPorts } from './services';
import type { Manifest } from './types';

/**
 * NetworkPolicies that implement DEPLOYMENT.md's firewall tables in the cluster: everything is
 * denied, then exactly the drawn traffic is allowed, each flow on both ends (the caller's egress
 * and the callee's ingress), on the port the container listens on:
 * - the ingress controller → each routed port (the inbound table's proxy rows): nothing else
 *   from outside reaches a pod, so the REST API is reachable from outside only where a route
 *   publishes it;
 * - a component → a port of another that it is linked to (mgmt → nextauth's REST API,
 *   nextauth → its database and Redis, Sentinel → Redis);
 * - a caller outside the deployment linked to a port (the business application → the REST API):
 *   pods labelled `portolan.dev/caller=<its name>`, in any namespace;
 * - a component → the outside world only where the catalog documents that egress (nextauth →
 *   an external database, Redis, the push services, the license server — the outbound table).
 *   A NetworkPolicy cannot name hosts, so those go to any address outside the cluster on the
 *   documented port; narrow them with an `ipBlock` of the real addresses, or a CNI that filters by name;
 * - a custom container's published ports, from anywhere (its LoadBalancer Service);
 * - Sentinels of one component to each other (they agree on a failover among themselves);
 * - DNS to the cluster's DNS service, for every pod.
 */

const ANYWHERE: readonly YamlNode[] = [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }];

interface PortRef {
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
}

class Rules {
  private readonly byPeer = new Map<string, { peers: readonly YamlNode[]; ports: Map<string, PortRef> }>();

  add(peers: readonly YamlNode[], port: PortRef): void {
    const key = JSON.stringify(peers);
    const rule = this.byPeer.get(key) ?? { peers, ports: new Map<string, PortRef>() };
    rule.ports.set(`${port.protocol}/${String(port.port).padStart(5, '0')}`, port);
    this.byPeer.set(key, rule);
  }

  /** Rules in a stable order: by peer, ports by protocol and number. */
  write(direction: 'from' | 'to'): YamlNode[] {
    return [...this.byPeer.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, r]) => ({
        [direction]: [...r.peers],
        ports: [...r.ports.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([, p]) => ({ protocol: p.protocol, port: p.port })),
      }));
  }
}

const podPeer = (name: string): YamlNode => ({ podSelector: { matchLabels: selectorOf(name) } });

function portRef(c: Component, port: string): PortRef | undefined {
  const number = portNumber(c, port);
  const spec = componentPort(c, port);
  if (number === undefined || spec === undefined) return undefined;
  return { port: number, protocol: transportOf(spec.protocol) === 'udp' ? 'UDP' : 'TCP' };
}

/** The port an egress the catalog documents goes to: its fixed address's, else the target's. */
function egressPort(from: Component, to: Component, port: string): PortRef | undefined {
  const egress = getKind(from.kind).egress.find((e) => e.to === to.kind && e.port === port);
  if (egress === undefined) return undefined;
  if (egress.address !== undefined) {
    const n = Number(egress.address.slice(egress.address.lastIndexOf(':') + 1));
    if (Number.isInteger(n)) return { port: n, protocol: 'TCP' };
  }
  return portRef(to, port);
}

export function networkPolicies(
  plan: DeploymentPlan,
  points: readonly EntryPoint[],
  podPortsOf: ReadonlyMap<string, readonly PodPort[]>,
): Manifest[] {
  const byId = new Map(plan.project.components.map((c) => [c.id as string, c]));
  const pods = new Set(podPortsOf.keys());
  const ingress = new Map<string, Rules>();
  const egress = new Map<string, Rules>();
  const rules = (map: Map<string, Rules>, pod: string): Rules => {
    const r = map.get(pod) ?? new Rules();
    map.set(pod, r);
    return r;
  };

  for (const point of points) {
    const controller: YamlNode = {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': point.controller.namespace } },
      podSelector: { matchLabels: { ...point.controller.podLabels } },
    };
    for (const site of point.sites)
      for (const l of site.locations) {
        if (!pods.has(l.upstream.service)) continue;
        rules(ingress, l.upstream.service).add([controller], { port: l.upstream.port, protocol: 'TCP' });
      }
  }

  for (const l of plan.project.links) {
    const from = byId.get(l.from);
    const to = byId.get(l.to);
    if (from === undefined || to === undefined || isEntryPoint(from) || isEntryPoint(to)) continue;
    if (pods.has(to.id)) {
      const port = portRef(to, l.port);
      if (port === undefined) continue;
      if (pods.has(from.id)) {
        rules(ingress, to.id).add([podPeer(from.id)], port);
        rules(egress, from.id).add([podPeer(to.id)], port);
      } else if (!isDeployed(from)) {
        const caller: YamlNode = { namespaceSelector: {}, podSelector: { matchLabels: { [CALLER_LABEL]: from.id } } };
        rules(ingress, to.id).add([caller], port);
      }
    } else if (pods.has(from.id) && !isDeployed(to)) {
      const port = egressPort(from, to, l.port);
      if (port !== undefined) rules(egress, from.id).add(ANYWHERE, port);
    }
  }

  for (const s of plan.services) {
    if (!pods.has(s.name)) continue;
    for (const { pod } of publishedPorts(s, podPortsOf.get(s.name)!))
      rules(ingress, s.name).add(ANYWHERE, { port: pod.number, protocol: pod.protocol });
    if (s.component.kind === 'redis-sentinel' && s.replicas > 1) {
      const port = portRef(s.component, 'sentinel');
      if (port === undefined) continue;
      rules(ingress, s.name).add([podPeer(s.name)], port);
      rules(egress, s.name).add([podPeer(s.name)], port);
    }
  }

  const policies: Manifest[] = [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `${OWN_PREFIX}default-deny` },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `${OWN_PREFIX}allow-dns` },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      },
    },
  ];
  for (const s of plan.services) {
    if (!pods.has(s.name)) continue;
    const inbound = ingress.get(s.name);
    const outbound = egress.get(s.name);
    if (inbound === undefined && outbound === undefined) continue;
    policies.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: s.name },
      spec: {
        podSelector: { matchLabels: selectorOf(s.name) },
        policyTypes: [...(inbound ? ['Ingress'] : []), ...(outbound ? ['Egress'] : [])],
        ...(inbound ? { ingress: inbound.write('from') } : {}),
        ...(outbound ? { egress: outbound.write('to') } : {}),
      },
    });
  }
  return policies;
}
