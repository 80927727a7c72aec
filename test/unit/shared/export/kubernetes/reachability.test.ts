import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getKind, isDeployed, portNumber } from '../../../../../shared/catalog/index';
import { factsOf } from '../../../../../shared/export/deployment-facts';
import { inboundSection, outboundSection } from '../../../../../shared/export/deployment-network';
import { seededRandom } from '../../../../../shared/export/index';
import { exportKubernetes } from '../../../../../shared/export/kubernetes/index';
import type { DeploymentPlan } from '../../../../../shared/export/plan';
import { isEntryPoint } from '../../../../../shared/model/constraints';
import type { Project, ProxyFlavour } from '../../../../../shared/model/types';
import { TEMPLATE_IDS } from '../../../../../shared/templates/index';
import { arbitraryProject } from '../../../../support/arbitraries';
import { deployments } from '../../../../support/deployments';
import { route, template } from '../../../../support/fixtures';
import { manifestsOf, type Obj } from '../../../../support/kubernetes-manifests';
import { Cluster, type NetworkPolicyObject, type Peer, type Pod } from '../../../../support/network-policy';

/*
 * The NetworkPolicies enforce what the drawing states, and nothing more. For every pair of peers
 * (each component's pods, the ingress controllers, a labelled caller outside the deployment,
 * strangers in and outside the namespace, addresses outside the cluster) and every port, the
 * evaluator's answer from the generated policies equals the reachability stated by
 * DEPLOYMENT.md's firewall tables (the same functions write them: entry point → upstream,
 * outside caller → port, published ports, outbound egress) plus the drawn links between
 * containers and the Sentinels' peers.
 */

const CALLER_NS = 'elsewhere';
const EXTERNAL = ['203.0.113.7', '2001:db8::7'];

/** Table rows of a Markdown section: cells, with the backticked texts of each. */
function rows(lines: readonly string[]): { cells: string[]; codes: string[][] }[] {
  return lines
    .filter((l) => l.startsWith('| ') && !l.startsWith('| ---') && !l.startsWith('| Source'))
    .map((l) => {
      const cells = l
        .slice(2, -2)
        .split(/ (?<!\\)\| /)
        .map((c) => c.trim());
      return { cells, codes: cells.map((c) => [...c.matchAll(/`([^`]*)`/g)].map((m) => m[1]!)) };
    });
}

interface Stated {
  /** `from>to:port/protocol` keys. Peers: `pod:NAME`, `controller:nginx`, `caller:NAME`, `ip`. */
  readonly flows: Set<string>;
}

const key = (from: string, to: string, port: number, protocol = 'TCP'): string => `${from}>${to}:${port}/${protocol}`;

function stated(plan: DeploymentPlan): Stated {
  const facts = factsOf(plan);
  const byId = facts.component;
  const flows = new Set<string>();
  const flavourOf = new Map<string, ProxyFlavour>(plan.proxies.map((p) => [p.entry.id as string, p.flavour]));
  const pods = new Set(plan.services.filter((s) => !isEntryPoint(s.component)).map((s) => s.name));
  // Inbound: entry point → upstream (the controller replaces the entry point), caller → port, Internet → published port.
  for (const { cells, codes } of rows(inboundSection(facts))) {
    const [source, destination, port] = cells;
    const to = codes[1]![0]!;
    const sourceId = codes[0]!.at(-1);
    const from = sourceId === undefined ? undefined : byId.get(sourceId);
    if (destination!.endsWith('host port')) {
      // Published on the Docker host: for a custom container the cluster publishes the container port.
      const c = byId.get(to)!;
      if (!pods.has(to) || source !== 'Internet') continue;
      for (const hostSide of codes[2]!) {
        const hostPort = Number(hostSide.slice(hostSide.lastIndexOf(':') + 1));
        for (const p of c.publish.filter((q) => q.hostPort === hostPort)) {
          const container = portNumber(c, p.port)!;
          const protocol = c.ports?.find((q) => q.name === p.port)?.protocol === 'udp' ? 'UDP' : 'TCP';
          flows.add(key('ip', `pod:${to}`, container, protocol));
        }
      }
    } else if (from !== undefined && isEntryPoint(from)) {
      const controller = flavourOf.get(from.id) === 'traefik' ? 'traefik' : 'nginx';
      flows.add(key(`controller:${controller}`, `pod:${to}`, Number(port)));
    } else if (from !== undefined) flows.add(key(`caller:${from.id}`, `pod:${to}`, Number(port)));
  }
  // Outbound: a container → the outside world on the stated port.
  for (const { cells, codes } of rows(outboundSection(facts))) {
    const from = codes[0]![0]!;
    if (pods.has(from)) flows.add(key(`pod:${from}`, 'ip', Number(cells[2])));
  }
  // Between containers: the drawn links, and a Sentinel component's replicas with each other.
  for (const l of plan.project.links) {
    const from = byId.get(l.from);
    const to = byId.get(l.to);
    if (!from || !to || !pods.has(from.id) || !pods.has(to.id)) continue;
    const p = portNumber(to, l.port);
    const protocol = to.ports?.find((q) => q.name === l.port)?.protocol === 'udp' ? 'UDP' : 'TCP';
    if (p !== undefined) flows.add(key(`pod:${from.id}`, `pod:${to.id}`, p, protocol));
  }
  for (const s of plan.services)
    if (s.component.kind === 'redis-sentinel' && s.replicas > 1 && pods.has(s.name))
      flows.add(key(`pod:${s.name}`, `pod:${s.name}`, portNumber(s.component, 'sentinel')!));
  return { flows };
}

interface Scene {
  readonly cluster: Cluster;
  readonly policies: readonly NetworkPolicyObject[];
  readonly peers: ReadonlyMap<string, Peer>;
  readonly ports: readonly number[];
  readonly namespace: string;
}

function scene(project: Project, proxy?: ProxyFlavour): { scene: Scene; plan: DeploymentPlan } | undefined {
  const result = exportKubernetes(project, { random: seededRandom(1), ...(proxy ? { proxy } : {}) });
  if (!result.ok) return undefined;
  const base = manifestsOf(result.files, 'base/');
  const ns = result.namespace;
  const policies = base.filter((o) => o.kind === 'NetworkPolicy') as unknown as NetworkPolicyObject[];
  const peers = new Map<string, Peer>();
  const ports = new Set<number>([53, 80, 443]);
  for (const w of base.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet')) {
    const container = (w.spec.template.spec.containers as Obj[])[0]!;
    const pod: Pod = {
      name: w.metadata.name,
      namespace: ns,
      labels: w.spec.template.metadata.labels,
      ports: container.ports ?? [],
    };
    for (const p of pod.ports ?? []) ports.add(p.containerPort);
    peers.set(`pod:${pod.name}`, { pod });
  }
  peers.set('controller:nginx', {
    pod: {
      name: 'ingress-nginx-controller',
      namespace: 'ingress-nginx',
      labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' },
    },
  });
  peers.set('controller:traefik', {
    pod: { name: 'traefik', namespace: 'traefik', labels: { 'app.kubernetes.io/name': 'traefik' } },
  });
  for (const c of result.plan.project.components)
    if (!isDeployed(c) && !isEntryPoint(c))
      peers.set(`caller:${c.id}`, {
        pod: { name: c.id, namespace: CALLER_NS, labels: { 'portolan.dev/caller': c.id } },
      });
  peers.set('stranger:elsewhere', {
    pod: { name: 'stranger', namespace: CALLER_NS, labels: { 'app.kubernetes.io/instance': 'nextauth' } },
  });
  peers.set('stranger:inside', { pod: { name: 'debug', namespace: ns, labels: { run: 'debug' } } });
  peers.set('dns', { pod: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } } });
  for (const ip of EXTERNAL) peers.set(`ip:${ip}`, { ip });
  for (const c of result.plan.project.components)
    for (const e of getKind(c.kind).egress) if (e.address) ports.add(Number(e.address.split(':')[1]));
  return {
    scene: {
      cluster: new Cluster(policies, ns),
      policies,
      peers,
      ports: [...ports].sort((a, b) => a - b),
      namespace: ns,
    },
    plan: result.plan,
  };
}

/** The peer's name in the stated flows (`ip:…` → `ip`), or undefined for one that appears in none. */
const statedName = (peer: string): string => (peer.startsWith('ip:') ? 'ip' : peer);

/** Pairs the policies govern: one end is a pod of the namespace. */
const governed = (s: Scene, a: Peer, b: Peer): boolean =>
  ('pod' in a && a.pod.namespace === s.namespace) || ('pod' in b && b.pod.namespace === s.namespace);

function disagreements(project: Project, proxy?: ProxyFlavour): string[] | undefined {
  const built = scene(project, proxy);
  if (!built) return undefined;
  return compare(built.scene, stated(built.plan).flows);
}

function compare(s: Scene, flows: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const [fromName, from] of s.peers)
    for (const [toName, to] of s.peers) {
      if (!governed(s, from, to)) continue;
      for (const port of s.ports)
        for (const protocol of ['TCP', 'UDP']) {
          const allowed = s.cluster.mayConnect(from, to, port, protocol);
          const inNamespace = (p: Peer) => 'pod' in p && p.pod.namespace === s.namespace;
          const dns = toName === 'dns' && port === 53 && inNamespace(from);
          const expected = dns || flows.has(key(statedName(fromName), statedName(toName), port, protocol));
          if (allowed !== expected)
            out.push(
              `${fromName} → ${toName}:${port}/${protocol}: policies ${allowed ? 'allow' : 'deny'}, drawing ${expected ? 'allows' : 'denies'}`,
            );
        }
    }
  return out;
}

describe.each(TEMPLATE_IDS.flatMap((id) => (['nginx', 'traefik'] as const).map((f) => [id, f] as const)))(
  'the NetworkPolicies of the %s template with %s',
  (id, flavour) => {
    it('allow exactly what the drawing and DEPLOYMENT.md state, for every pair and port', () => {
      const { flows } = stated(scene(template(id), flavour)!.plan);
      expect(flows.size).toBeGreaterThan(4);
      expect(disagreements(template(id), flavour)).toEqual([]);
    });
  },
);

describe('the REST API', () => {
  const rest = (project: Project) => {
    const { scene: s } = scene(project)!;
    const nextauth = s.peers.get('pod:nextauth')!;
    return (peer: string) => s.cluster.mayConnect(s.peers.get(peer)!, nextauth, 8888);
  };

  it('is reached from nothing outside unless a route publishes it', () => {
    const may = rest(template('manual'));
    expect(may('caller:business-app')).toBe(true); // drawn: the business application calls it
    expect(may('pod:mgmt')).toBe(true);
    for (const outside of [
      'controller:nginx',
      'controller:traefik',
      'stranger:elsewhere',
      'stranger:inside',
      'ip:203.0.113.7',
      'ip:2001:db8::7',
      'pod:mysql',
      'pod:redis',
    ])
      expect(may(outside), outside).toBe(false);
  });

  it('is reached by the ingress controller once a route publishes it', () => {
    const published = route(template('manual'), {
      via: 'proxy',
      scheme: 'https',
      host: 'api.auth.example.com',
      path: '/',
      target: 'nextauth',
      port: 'rest',
    });
    expect(rest(published)('controller:nginx')).toBe(true);
    expect(rest(published)('stranger:elsewhere')).toBe(false);
  });
});

describe('random deployments', () => {
  it('get policies that agree with their drawing (property)', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        fc.oneof(deployments, arbitraryProject),
        fc.constantFrom<ProxyFlavour | undefined>(undefined, 'nginx', 'traefik'),
        (project, proxy) => {
          const found = disagreements(project, proxy);
          if (found === undefined) return;
          checked++;
          expect(found).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
    expect(checked).toBeGreaterThan(10);
  });
});

// The comparison must be able to fail: policies that open too much, or too little, are caught.
describe('the comparison', () => {
  const built = scene(template('manual'))!;
  const flows = stated(built.plan).flows;
  const withPolicies = (policies: readonly NetworkPolicyObject[]): Scene => ({
    ...built.scene,
    policies,
    cluster: new Cluster(policies, built.scene.namespace),
  });

  it('reports a policy that opens more than the drawing states', () => {
    const open: NetworkPolicyObject = {
      metadata: { name: 'open' },
      spec: { podSelector: {}, ingress: [{}], egress: [{}], policyTypes: ['Ingress', 'Egress'] },
    };
    const found = compare(withPolicies([...built.scene.policies, open]), flows);
    expect(found).toContain('stranger:elsewhere → pod:nextauth:8888/TCP: policies allow, drawing denies');
  });

  it('reports a drawn connection the policies block', () => {
    const found = compare(withPolicies(built.scene.policies.filter((p) => p.metadata.name !== 'mgmt')), flows);
    expect(found).toContain('pod:mgmt → pod:nextauth:8888/TCP: policies deny, drawing allows');
  });
});
