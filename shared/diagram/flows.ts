/**
 * The traffic flows a presenter steps through (←/→) and `portolan render --flows` lists: the
 * paths the nextAuth docs describe, found in the drawing — a mobile app opening the public
 * WebSocket URL that an entry point forwards to nextauth:8009 (login); the mobile app reaching the
 * Mobile API; an administrator opening the dashboard, account management and identity provider;
 * a business application calling the REST API; and nextauth's own connections out to the
 * database, Redis (through Sentinel), the push services and the license server.
 *
 * A flow is made only of edges the diagram draws (links, and routes as `route:<id>`), so
 * highlighting a flow highlights exactly what is on the canvas. A flow the drawing does not have
 * — no mobile app drawn, no route to the Mobile API — is left out rather than invented. Each step
 * names the URL it carries and where TLS ends: at the entry point when it terminates TLS
 * (Route.tls.terminate), at the target when the entry point re-encrypts or passes TLS through,
 * or at a service that serves TLS itself (an external HTTPS service, a port whose TLS variables
 * are set).
 */
import { componentPort, getKind, isDeployed, portNumber } from '../catalog/index';
import { hostOf } from '../connections/derive';
import { DEFAULT_PORTS, isEntryPoint, isSecureScheme, routeUrl } from '../model/constraints';
import { printable } from '../model/printable';
import type { Component, ComponentId, ComponentKind, Link, Project, Route } from '../model/types';
import { servesTls } from '../rules/checks/tls';
import { edgeSpecs, routeEdgeId } from './edges';

export interface FlowStep {
  readonly from: ComponentId;
  readonly to: ComponentId;
  /** The diagram edge: a link id, or `route:<route id>` (see routeEdgeId). */
  readonly edge: string;
  /** The port name at `to`. */
  readonly port: string;
  readonly portNumber: number;
  /** The URL this hop carries: the public URL of a route, or the address a connection uses. */
  readonly url?: string;
  /** Where the TLS connection of this hop ends; absent when the hop is not encrypted (or not known to be). */
  readonly tlsEnds?: ComponentId;
}

export interface TrafficFlow {
  /** `<flow type>:<component id>`, e.g. `login:nextauth`: stable while the drawing keeps that component. */
  readonly id: string;
  readonly title: string;
  /** One or two sentences for the presenter: what opens what, and where TLS ends. */
  readonly summary: string;
  /** In reading order; every step after the first touches a component an earlier step touched. */
  readonly steps: readonly FlowStep[];
  /** Every component on the flow, in order of appearance. */
  readonly nodes: readonly ComponentId[];
  /** Every diagram edge on the flow, in step order. */
  readonly edges: readonly string[];
  readonly tlsEnds: readonly ComponentId[];
  readonly urls: readonly string[];
}

/** A flow from clients to one port of a component: through public routes, or over a direct link. */
interface ClientFlow {
  readonly type: string;
  readonly title: string;
  readonly clients: ReadonlySet<ComponentKind>;
  readonly target: ComponentKind;
  readonly port: string;
}

const MOBILE = new Set<ComponentKind>(['mobile-app']);
const BROWSER = new Set<ComponentKind>(['browser-user']);
const BUSINESS = new Set<ComponentKind>(['business-app']);

/** The issue's order: login, Mobile API, the three web interfaces, the REST API. */
const CLIENT_FLOWS: readonly ClientFlow[] = [
  { type: 'login', title: 'Mobile app login (WebSocket)', clients: MOBILE, target: 'nextauth', port: 'ws' },
  { type: 'mobile-api', title: 'Mobile app → Mobile API', clients: MOBILE, target: 'nextauth', port: 'mobile' },
  {
    type: 'dashboard',
    title: 'Administrator → dashboard',
    clients: BROWSER,
    target: 'nextauth-mgmt',
    port: 'dashboard',
  },
  {
    type: 'accounts',
    title: 'Administrator → account management',
    clients: BROWSER,
    target: 'nextauth-mgmt',
    port: 'accounts',
  },
  { type: 'idp', title: 'Administrator → identity provider', clients: BROWSER, target: 'nextauth-mgmt', port: 'idp' },
  { type: 'rest-api', title: 'Business application → REST API', clients: BUSINESS, target: 'nextauth', port: 'rest' },
];

/** nextauth's connections out, one flow per group of targets. */
interface EgressFlow {
  readonly type: string;
  readonly title: string;
  readonly targets: ReadonlySet<ComponentKind>;
}

const EGRESS_FLOWS: readonly EgressFlow[] = [
  { type: 'database', title: 'nextauth → database', targets: new Set(['database']) },
  { type: 'kv', title: 'nextauth → Redis', targets: new Set(['redis-sentinel', 'redis']) },
  { type: 'push', title: 'nextauth → push services', targets: new Set(['push-fcm', 'push-apns']) },
  { type: 'license', title: 'nextauth → license server', targets: new Set(['license-server']) },
];

/** What every flow reads: components by id, and the edges the diagram draws. */
interface Drawing {
  readonly project: Project;
  readonly byId: ReadonlyMap<string, Component>;
  readonly drawn: ReadonlySet<string>;
}

export function trafficFlows(project: Project): TrafficFlow[] {
  const drawing: Drawing = {
    project,
    byId: new Map(project.components.map((c) => [c.id, c] as const)),
    drawn: new Set(edgeSpecs(project).map((e) => e.id)),
  };
  const count = (kind: ComponentKind) => project.components.filter((c) => c.kind === kind).length;
  const out: TrafficFlow[] = [];
  for (const spec of CLIENT_FLOWS) {
    for (const target of project.components) {
      if (target.kind !== spec.target) continue;
      const steps = clientSteps(drawing, spec, target);
      if (steps.length === 0) continue;
      const title = count(spec.target) > 1 ? `${spec.title} — ${nameOf(target)}` : spec.title;
      out.push(flowOf(`${spec.type}:${target.id}`, title, clientSummary(drawing, steps), steps));
    }
  }
  for (const spec of EGRESS_FLOWS) {
    for (const source of project.components) {
      if (source.kind !== 'nextauth') continue;
      const steps = egressSteps(drawing, spec, source);
      if (steps.length === 0) continue;
      const sentinel = steps.some((s) => drawing.byId.get(s.to)?.kind === 'redis-sentinel');
      const base = spec.type === 'kv' && sentinel ? 'nextauth → Redis Sentinel → Redis' : spec.title;
      const title = count('nextauth') > 1 ? `${base} — ${nameOf(source)}` : base;
      out.push(flowOf(`${spec.type}:${source.id}`, title, directSummary(drawing, steps), steps));
    }
  }
  return out;
}

/**
 * The client side of a flow to `target`'s port: for each public route to it through an entry
 * point, the clients' links to that entry point and then the route; after them, clients linked
 * to the port directly (an internal caller such as the business application).
 */
function clientSteps(d: Drawing, spec: ClientFlow, target: Component): FlowStep[] {
  const steps: FlowStep[] = [];
  const seen = new Set<string>();
  const add = (s: FlowStep) => {
    if (seen.has(s.edge)) return;
    seen.add(s.edge);
    steps.push(s);
  };
  const number = portNumber(target, spec.port);
  if (number === undefined) return [];
  const isClient = (l: Link) => {
    const kind = d.byId.get(l.from)?.kind;
    return kind !== undefined && spec.clients.has(kind) && d.drawn.has(l.id);
  };
  for (const route of d.project.routes) {
    if (route.target !== target.id || route.port !== spec.port || !d.drawn.has(routeEdgeId(route))) continue;
    const entry = d.byId.get(route.via);
    if (entry === undefined || !isEntryPoint(entry)) continue;
    const url = routeUrl(route);
    const incoming: FlowStep[] = [];
    for (const l of d.project.links) {
      const n = l.to === entry.id && isClient(l) ? portNumber(entry, l.port) : undefined;
      if (n === undefined) continue;
      incoming.push(step(l.from, entry.id, l.id, l.port, n, url, clientTls(route, entry, target)));
    }
    if (incoming.length === 0) continue;
    const forward = step(entry.id, target.id, routeEdgeId(route), spec.port, number, url, forwardTls(route, target));
    // Later routes start from the target the first one reached, so the highlighted path grows connected.
    if (steps.length === 0) incoming.forEach(add);
    add(forward);
    incoming.forEach(add);
  }
  for (const l of d.project.links) {
    if (l.to !== target.id || l.port !== spec.port || !isClient(l)) continue;
    add(step(l.from, target.id, l.id, l.port, number, internalUrl(target, l.port), serviceTls(target, l.port)));
  }
  return steps;
}

/**
 * nextauth's links to the flow's targets, in document order; for Redis Sentinel, also the
 * Sentinel's own links to the Redis it watches (nextauth asks Sentinel for the current primary).
 */
function egressSteps(d: Drawing, spec: EgressFlow, source: Component): FlowStep[] {
  const steps: FlowStep[] = [];
  const linked = (from: Component, kinds: ReadonlySet<ComponentKind>): [Link, Component, number][] => {
    const out: [Link, Component, number][] = [];
    for (const l of d.project.links) {
      const to = l.from === from.id && d.drawn.has(l.id) ? d.byId.get(l.to) : undefined;
      const n = to !== undefined && kinds.has(to.kind) ? portNumber(to, l.port) : undefined;
      if (n !== undefined) out.push([l, to!, n]);
    }
    return out;
  };
  const direct = linked(source, spec.targets);
  // Sentinel first: with it, nextauth reaches Redis through what Sentinel tells it.
  direct.sort(([, a], [, b]) => Number(b.kind === 'redis-sentinel') - Number(a.kind === 'redis-sentinel'));
  const seen = new Set<string>();
  for (const [l, to, n] of direct) {
    steps.push(step(source.id, to.id, l.id, l.port, n, internalUrl(to, l.port, source), serviceTls(to, l.port)));
    seen.add(l.id);
    if (to.kind !== 'redis-sentinel') continue;
    for (const [watch, redis, m] of linked(to, new Set(['redis']))) {
      if (seen.has(watch.id)) continue;
      seen.add(watch.id);
      steps.push(step(to.id, redis.id, watch.id, watch.port, m, internalUrl(redis, watch.port), undefined));
    }
  }
  return steps;
}

function step(
  from: ComponentId,
  to: ComponentId,
  edge: string,
  port: string,
  portNumber: number,
  url: string | undefined,
  tlsEnds: ComponentId | undefined,
): FlowStep {
  return { from, to, edge, port, portNumber, ...(url !== undefined ? { url } : {}), ...(tlsEnds ? { tlsEnds } : {}) };
}

/** The client's hop: a secure URL's TLS ends at the entry point, or passes through it to the target. */
function clientTls(route: Route, entry: Component, target: Component): ComponentId | undefined {
  if (!isSecureScheme(route.scheme)) return undefined;
  return route.tls.terminate ? entry.id : target.id;
}

/** The entry point's hop: a new TLS connection when it re-encrypts, the client's own when it passes TLS through. */
function forwardTls(route: Route, target: Component): ComponentId | undefined {
  const encrypted = route.tls.terminate ? route.tls.reencrypt : isSecureScheme(route.scheme) || route.tls.reencrypt;
  return encrypted ? target.id : undefined;
}

/** A direct connection is encrypted when the port always speaks TLS, or its TLS variables are set. */
function serviceTls(target: Component, port: string): ComponentId | undefined {
  const spec = componentPort(target, port);
  return spec?.tls === 'always' || servesTls(target, port) ? target.id : undefined;
}

/** Whether a direct hop is known to be plain text (the port cannot speak TLS, or its TLS is off). */
function knownPlain(target: Component, port: string): boolean {
  const spec = componentPort(target, port);
  if (spec === undefined || serviceTls(target, port) !== undefined) return false;
  return spec.tls === 'none' || spec.tlsEnv !== undefined;
}

/**
 * The address a connection uses: `scheme://host:port` with the port's protocol (its TLS form when
 * it serves TLS), the service name or the customer's host, and for an external service the host
 * the catalog documents (license.nextauth.com, fcm.googleapis.com …).
 */
function internalUrl(target: Component, port: string, source?: Component): string | undefined {
  const spec = componentPort(target, port);
  const number = portNumber(target, port);
  if (spec === undefined || number === undefined) return undefined;
  let host: string | undefined;
  if (isDeployed(target) || target.properties.external === true) host = hostOf(target);
  else {
    const egress = getKind(source?.kind ?? 'nextauth').egress.find((e) => e.to === target.kind && e.port === port);
    host = egress?.address?.replace(/:\d+$/, '');
  }
  if (host === undefined) return undefined;
  const tls = servesTls(target, port);
  const scheme = spec.protocol === 'http' && tls ? 'https' : spec.protocol === 'ws' && tls ? 'wss' : spec.protocol;
  return `${scheme}://${host}${DEFAULT_PORTS[scheme] === number ? '' : `:${number}`}`;
}

function flowOf(id: string, title: string, summary: string, steps: readonly FlowStep[]): TrafficFlow {
  const unique = <T>(list: readonly (T | undefined)[]): T[] => [
    ...new Set(list.filter((x): x is T => x !== undefined)),
  ];
  return {
    id,
    title,
    summary,
    steps,
    nodes: unique(steps.flatMap((s) => [s.from, s.to])),
    edges: unique(steps.map((s) => s.edge)),
    tlsEnds: unique(steps.map((s) => s.tlsEnds)),
    urls: unique(steps.map((s) => s.url)),
  };
}

const nameOf = (c: Component | undefined): string => printable(c === undefined ? '?' : c.name || c.id);

/** "A, B and C". */
function listOf(names: readonly string[]): string {
  const list = [...new Set(names)];
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)!}`;
}

/** One sentence per public route (who opens it, where TLS ends, how it is forwarded), then the direct calls. */
function clientSummary(d: Drawing, steps: readonly FlowStep[]): string {
  const sentences: string[] = [];
  for (const forward of steps) {
    if (!forward.edge.startsWith('route:') || !isEntryPoint(d.byId.get(forward.from))) continue;
    const route = d.project.routes.find((r) => routeEdgeId(r) === forward.edge)!;
    const entry = nameOf(d.byId.get(forward.from));
    const target = `${nameOf(d.byId.get(forward.to))}:${forward.portNumber}`;
    const clients = listOf(steps.filter((s) => s.to === forward.from).map((s) => nameOf(d.byId.get(s.from))));
    const who = clients === '' ? 'Clients open' : `${clients} ${clients.includes(' and ') ? 'open' : 'opens'}`;
    const url = printable(routeUrl(route));
    if (!isSecureScheme(route.scheme)) {
      const hop = route.tls.reencrypt ? ' over TLS' : '';
      sentences.push(`${who} ${url} without TLS; ${entry} forwards it to ${target}${hop}.`);
    } else if (!route.tls.terminate) {
      sentences.push(`${who} ${url}; TLS passes through ${entry} and ends at ${target}.`);
    } else {
      const hop = route.tls.reencrypt ? 'over a new TLS connection' : 'without TLS';
      sentences.push(`${who} ${url}; TLS ends at ${entry}, which forwards it to ${target} ${hop}.`);
    }
  }
  const direct = steps.filter((s) => !s.edge.startsWith('route:') && !isEntryPoint(d.byId.get(s.to)));
  if (direct.length > 0) sentences.push(directSummary(d, direct));
  return sentences.join(' ');
}

/** One sentence per connection: who connects to what, at which address, and where TLS ends. */
function directSummary(d: Drawing, steps: readonly FlowStep[]): string {
  return steps
    .map((s) => {
      const to = d.byId.get(s.to);
      const at = s.url === undefined ? `${nameOf(to)}:${s.portNumber}` : `${nameOf(to)} at ${printable(s.url)}`;
      const tls = s.tlsEnds ? ' over TLS' : to !== undefined && knownPlain(to, s.port) ? ' without TLS' : '';
      return `${nameOf(d.byId.get(s.from))} connects to ${at}${tls}.`;
    })
    .join(' ');
}

/**
 * The flows as plain text (`portolan render --flows`): one block per flow — its number and
 * title, the summary, then one line per step, `from → to:port (url, TLS ends at X)`. Every
 * name and URL is printable: a control character in the project cannot start a line of its own.
 */
export function formatFlows(flows: readonly TrafficFlow[], project: Project): string {
  if (flows.length === 0) return 'No traffic flows: the drawing connects no client, and nextauth to nothing.\n';
  const byId = new Map(project.components.map((c) => [c.id, c] as const));
  const name = (id: ComponentId) => nameOf(byId.get(id));
  const blocks = flows.map((flow, i) => {
    const lines = [`${i + 1}. ${printable(flow.title)}`, `   ${printable(flow.summary)}`];
    for (const s of flow.steps) {
      const notes = [
        ...(s.url !== undefined ? [printable(s.url)] : []),
        ...(s.tlsEnds ? [`TLS ends at ${name(s.tlsEnds)}`] : []),
      ];
      const tail = notes.length > 0 ? ` (${notes.join(', ')})` : '';
      lines.push(`   ${name(s.from)} → ${name(s.to)}:${s.portNumber}${tail}`);
    }
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n`;
}
