/**
 * Traefik's Docker provider: routers, services and middlewares written as labels on compose
 * services (`traefik.http.routers.<name>.rule=Host(`a`)`, …;
 * https://doc.traefik.io/traefik/routing/providers/docker/). The labels become the same
 * neutral configuration a dynamic file gives (traefik-model.ts), with every server at the
 * labelled compose service: Traefik dials the container, which the compose network knows by
 * its service name. Option names match without case, as Traefik reads labels; router,
 * service and middleware names keep theirs.
 */
import type { ImportNote, ImportProblem, SourcePos } from '../types';
import { shifted, sortNotes } from './text';
import {
  routesOf,
  type EntryPoint,
  type Named,
  type TraefikDynamic,
  type TraefikMiddleware,
  type TraefikRouter,
  type TraefikService,
} from './traefik-model';
import { priorityOf } from './traefik-priority';
import type { ProxyImportOutcome } from './types';

export interface Label {
  readonly key: string;
  readonly value: string;
  /** Where the label is written. */
  readonly at: SourcePos;
  /** Where its value starts, when the caller knows (rule errors then point inside the rule). */
  readonly valueAt?: SourcePos;
}

export interface LabelledService {
  /** The compose service name: the host every server of its labels is reached at. */
  readonly service: string;
  /** Labels, list or map form already normalised by the caller. */
  readonly labels: readonly Label[];
  /**
   * The container ports it exposes (`expose:`, the container side of `ports:`): with exactly
   * one, Traefik needs no `loadbalancer.server.port` label.
   */
  readonly ports?: readonly number[];
}

export interface LabelImportOptions {
  /** Entry points from Traefik's command line or static file (traefik-static.ts). */
  readonly entryPoints?: ReadonlyMap<string, EntryPoint>;
  /** Traefik's `providers.docker.exposedByDefault` (true unless set): false needs `traefik.enable=true`. */
  readonly exposedByDefault?: boolean;
}

const STRUCTURED = /^traefik\.(http|tcp)\.(routers|services|middlewares)\.([^.]+)\.(.+)$/i;

interface RouterDraft {
  protocol: 'http' | 'tcp';
  name: string;
  at: SourcePos;
  rule?: TraefikRouter['rule'];
  entryPoints?: Named[];
  tls?: TraefikRouter['tls'];
  service?: Named;
  middlewares: Named[];
  priority?: number;
}

interface ServiceDraft {
  protocol: 'http' | 'tcp';
  name: string;
  at: SourcePos;
  port?: { value: string; at: SourcePos };
  scheme?: string;
  serversTransport?: Named;
}

const list = (l: Label): Named[] =>
  l.value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((name) => ({ name, at: l.valueAt ?? l.at }));

class ServiceLabels {
  readonly routers = new Map<string, RouterDraft>();
  readonly services = new Map<string, ServiceDraft>();
  readonly middlewares = new Map<string, TraefikMiddleware>();

  constructor(
    private readonly owner: LabelledService,
    private readonly notes: ImportNote[],
  ) {}

  private note(kind: ImportNote['kind'], text: string, at: SourcePos): void {
    this.notes.push({ kind, text, at });
  }

  read(l: Label, protocol: 'http' | 'tcp', group: string, name: string, option: string): void {
    if (group === 'routers') this.router(l, protocol, name, option);
    else if (group === 'services') this.service(l, protocol, name, option);
    else if (protocol === 'http') this.middleware(l, name, option);
    else this.note('not-understood', `${l.key}: a TCP middleware; not imported`, l.at);
  }

  private router(l: Label, protocol: 'http' | 'tcp', name: string, option: string): void {
    const key = `${protocol} ${name}`;
    let r = this.routers.get(key);
    if (r === undefined) this.routers.set(key, (r = { protocol, name, at: l.at, middlewares: [] }));
    switch (option) {
      case 'rule': {
        const start = l.valueAt;
        r.rule = { text: l.value, at: start ?? l.at, posAt: (offset) => (start ? shifted(start, offset) : l.at) };
        return;
      }
      case 'entrypoints':
        r.entryPoints = list(l);
        return;
      case 'service':
        r.service = { name: l.value.trim(), at: l.valueAt ?? l.at };
        return;
      case 'middlewares':
        r.middlewares = list(l);
        return;
      case 'tls':
        if (l.value.trim().toLowerCase() === 'false') delete r.tls;
        else r.tls = { passthrough: r.tls?.passthrough ?? false, at: l.at };
        return;
      case 'tls.passthrough':
        r.tls = { passthrough: l.value.trim().toLowerCase() === 'true', at: l.at };
        return;
      case 'priority': {
        const n = priorityOf(l.value);
        if (n !== undefined) r.priority = n;
        else this.note('not-understood', `${l.key}=${l.value}: not a whole number; Traefik's default is used`, l.at);
        return;
      }
      default:
        if (option.startsWith('tls.')) {
          // A certificate resolver or TLS options still end TLS on this router.
          r.tls = { passthrough: r.tls?.passthrough ?? false, at: l.at };
          this.note(
            'interpreted',
            `${l.key}=${l.value}: the router ends TLS; where its certificate comes from is not imported`,
            l.at,
          );
          return;
        }
        this.note('not-understood', `${l.key}=${l.value}: not imported`, l.at);
    }
  }

  private service(l: Label, protocol: 'http' | 'tcp', name: string, option: string): void {
    const key = `${protocol} ${name}`;
    let s = this.services.get(key);
    if (s === undefined) this.services.set(key, (s = { protocol, name, at: l.at }));
    if (option === 'loadbalancer.server.port') s.port = { value: l.value.trim(), at: l.valueAt ?? l.at };
    else if (option === 'loadbalancer.server.scheme' && protocol === 'http') s.scheme = l.value.trim().toLowerCase();
    else if (option === 'loadbalancer.serverstransport')
      s.serversTransport = { name: l.value.trim(), at: l.valueAt ?? l.at };
    else if (option !== 'loadbalancer.passhostheader' || l.value.trim() !== 'true') {
      this.note('not-understood', `${l.key}=${l.value}: not imported`, l.at);
    }
  }

  private middleware(l: Label, name: string, option: string): void {
    const [type] = option.split('.');
    const m = this.middlewares.get(name) ?? { name, at: l.at, type: type! };
    if (type === 'redirectscheme') {
      const redirect = m.redirectScheme ?? { scheme: '' };
      const field = option.slice('redirectscheme.'.length);
      const value = l.value.trim();
      if (field === 'scheme')
        this.middlewares.set(name, { ...m, redirectScheme: { ...redirect, scheme: value.toLowerCase() } });
      else if (field === 'port' && /^[0-9]+$/.test(value))
        this.middlewares.set(name, { ...m, redirectScheme: { ...redirect, port: Number(value) } });
      else this.middlewares.set(name, { ...m, redirectScheme: redirect });
      return;
    }
    this.middlewares.set(name, m);
  }

  /** The service each router of this container goes to: named, its only one, or the one Traefik makes. */
  build(): { routers: TraefikRouter[]; services: TraefikService[] } {
    const services: TraefikService[] = [];
    const routers = [...this.routers.values()].map((r): TraefikRouter => {
      let service = r.service;
      if (service === undefined) {
        const mine = [...this.services.values()].filter((s) => s.protocol === r.protocol);
        if (mine.length === 1) service = { name: mine[0]!.name, at: r.at };
        else if (mine.length === 0) {
          // Traefik makes a service for the container, named after it, on its one exposed port.
          const name = this.owner.service;
          if (!this.services.has(`${r.protocol} ${name}`))
            this.services.set(`${r.protocol} ${name}`, { protocol: r.protocol, name, at: r.at });
          service = { name, at: r.at };
        } else {
          this.note(
            'not-understood',
            `router ${r.name}: the container defines ${mine.length} services and the router names none`,
            r.at,
          );
        }
      }
      return {
        protocol: r.protocol,
        name: r.name,
        at: r.at,
        ...(r.rule ? { rule: r.rule } : {}),
        ...(r.entryPoints ? { entryPoints: r.entryPoints } : {}),
        ...(r.tls ? { tls: r.tls } : {}),
        ...(service ? { service } : {}),
        middlewares: r.middlewares,
        ...(r.priority !== undefined ? { priority: r.priority } : {}),
      };
    });
    for (const s of this.services.values()) services.push(this.server(s));
    return { routers, services };
  }

  private server(s: ServiceDraft): TraefikService {
    const base = {
      protocol: s.protocol,
      name: s.name,
      at: s.at,
      ...(s.serversTransport ? { serversTransport: s.serversTransport } : {}),
    };
    const exposed = this.owner.ports ?? [];
    let port = s.port?.value;
    if (port === undefined && exposed.length === 1) {
      port = String(exposed[0]);
      this.note(
        'interpreted',
        `service ${s.name}: no loadbalancer.server.port label; the container's one exposed port ${port} is used`,
        s.at,
      );
    }
    if (port === undefined) {
      this.note(
        'not-understood',
        `service ${s.name}: no loadbalancer.server.port label and ${exposed.length === 0 ? 'no exposed port' : `${exposed.length} exposed ports`}; its routers are not imported`,
        s.at,
      );
      return { ...base, servers: [] };
    }
    const at = s.port?.at ?? s.at;
    const value =
      s.protocol === 'tcp' ? `${this.owner.service}:${port}` : `${s.scheme ?? 'http'}://${this.owner.service}:${port}`;
    return { ...base, servers: [{ value, at }] };
  }
}

/** Routes, redirects and notes from the Traefik labels of compose services. */
export function importTraefikLabels(
  owners: readonly LabelledService[],
  options: LabelImportOptions = {},
): ProxyImportOutcome {
  const notes: ImportNote[] = [];
  const problems: ImportProblem[] = [];
  const routers: TraefikRouter[] = [];
  const byName = new Map<string, TraefikRouter>();
  const services = new Map<string, TraefikService>();
  const middlewares = new Map<string, TraefikMiddleware>();
  const exposedByDefault = options.exposedByDefault ?? true;

  for (const owner of owners) {
    const traefik = owner.labels.filter((l) => /^traefik\./i.test(l.key));
    if (traefik.length === 0) continue;
    const enable = traefik.find((l) => l.key.toLowerCase() === 'traefik.enable');
    const enabled = enable === undefined ? exposedByDefault : enable.value.trim().toLowerCase() === 'true';
    if (!enabled) {
      notes.push({
        kind: 'interpreted',
        text: `${owner.service}: ${enable === undefined ? 'no traefik.enable=true label (exposedByDefault is false)' : `traefik.enable=${enable.value}`}; its Traefik labels are not imported`,
        at: (enable ?? traefik[0]!).at,
      });
      continue;
    }
    const labels = new ServiceLabels(owner, notes);
    for (const l of traefik) {
      if (l === enable) continue;
      const m = STRUCTURED.exec(l.key);
      if (m === null) {
        notes.push({ kind: 'not-understood', text: `${l.key}=${l.value}: not imported`, at: l.at });
        continue;
      }
      labels.read(l, m[1]!.toLowerCase() as 'http' | 'tcp', m[2]!.toLowerCase(), m[3]!, m[4]!.toLowerCase());
    }
    const built = labels.build();
    if (built.routers.length === 0) {
      notes.push({
        kind: 'not-understood',
        text: `${owner.service}: enabled for Traefik without a router, so Traefik's default rule applies (not known here); not imported`,
        at: traefik[0]!.at,
      });
    }
    for (const r of built.routers) {
      const clash = byName.get(`${r.protocol} ${r.name}`);
      if (clash !== undefined) {
        notes.push({
          kind: 'not-understood',
          text: `router ${r.name} is defined again on ${owner.service} (first at ${clash.at.file}:${clash.at.line}:${clash.at.column}); Traefik reports the conflict; only the first definition is imported`,
          at: r.at,
        });
        continue;
      }
      routers.push(r);
      byName.set(`${r.protocol} ${r.name}`, r);
    }
    for (const s of built.services)
      if (!services.has(`${s.protocol} ${s.name}`)) services.set(`${s.protocol} ${s.name}`, s);
    for (const [name, m] of labels.middlewares) if (!middlewares.has(name)) middlewares.set(name, m);
  }

  const dynamic: TraefikDynamic = { routers, services, middlewares, transports: new Map() };
  const result = routesOf(dynamic, options.entryPoints);
  problems.push(...result.problems);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: { routes: result.routes, redirects: result.redirects, notes: sortNotes([...notes, ...result.notes]) },
    warnings: [],
  };
}
