/**
 * The one-truth property for the Kubernetes export (issue 16 item 4), read from the written YAML:
 * every connection value a pod gets — ConfigMap values through `envFrom`, `env` entries with
 * Kubernetes' `$(…)` expansion of Secret-backed helpers — that names an in-cluster host names a
 * Service of the namespace exposing that port, selecting exactly the pods of one workload, whose
 * `targetPort` that workload's container declares; every Ingress / IngressRoute backend does the
 * same and the backends are exactly the drawn routes; every Sentinel monitors the drawn Redis;
 * and every drawn connection with a configured address (nextauth → database / Redis / Sentinel,
 * Sentinel → Redis) appears as a resolved value.
 *
 * The drawing is consulted only for what it states (links, routes, port numbers, an external
 * server's declared host); the project passed is the exporter's renamed one (`result.plan.project`),
 * whose ids are the Kubernetes names.
 */
import { isDeployed, portNumber } from '../../shared/catalog/index';
import { isEntryPoint } from '../../shared/model/constraints';
import type { Component, Project } from '../../shared/model/types';
import type { ExportFile } from '../../shared/export/types';
import { manifestsOf, type Obj } from './kubernetes-manifests';

interface ServicePort {
  readonly port: number;
  readonly targetPort: string | number;
  readonly protocol: string;
}

interface ServiceObj {
  readonly name: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly ports: readonly ServicePort[];
}

interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: string;
}

interface Workload {
  readonly name: string;
  readonly podLabels: Readonly<Record<string, string>>;
  readonly ports: readonly ContainerPort[];
  /** The container's environment as the kubelet resolves it. */
  readonly env: ReadonlyMap<string, string>;
  /** sentinel.conf texts from ConfigMaps mounted into the pod. */
  readonly sentinelConfs: readonly string[];
}

export interface Cluster {
  readonly namespace: string;
  readonly services: ReadonlyMap<string, ServiceObj>;
  readonly workloads: ReadonlyMap<string, Workload>;
  readonly backends: readonly Backend[];
  /** What could not be read at all (a reference to a missing Secret key, say). */
  readonly problems: readonly string[];
}

interface Backend {
  readonly where: string;
  readonly host: string;
  readonly path: string;
  readonly service: string;
  readonly port: number | string;
}

const protocolOf = (p: { protocol?: string }) => p.protocol ?? 'TCP';

/** Kubernetes' expansion of `$(NAME)` against variables defined earlier; `$$` is a literal `$`. */
export function expandEnv(value: string, defined: ReadonlyMap<string, string>): string {
  return value.replace(/\$\$|\$\(([^)]*)\)/g, (m, name: string | undefined) =>
    name === undefined ? '$' : (defined.get(name) ?? m),
  );
}

function keyedData(o: Obj): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries((o.data ?? {}) as Record<string, string>))
    out.set(k, o.kind === 'Secret' ? Buffer.from(v, 'base64').toString('utf8') : String(v));
  for (const [k, v] of Object.entries((o.stringData ?? {}) as Record<string, string>)) out.set(k, String(v));
  return out;
}

/** Reads the base (and the Secret under secrets/) as the API server and kubelet would. */
export function readCluster(files: readonly ExportFile[]): Cluster {
  const base = manifestsOf(files, 'base/');
  const all = [...base, ...manifestsOf(files, 'secrets/')];
  const problems: string[] = [];
  const data = (kind: string) =>
    new Map(all.filter((o) => o.kind === kind).map((o) => [String(o.metadata.name), keyedData(o)]));
  const configMaps = data('ConfigMap');
  const secrets = data('Secret');
  const namespace = String(base.find((o) => o.kind === 'Namespace')?.metadata.name ?? '');

  const services = new Map<string, ServiceObj>();
  for (const o of base.filter((x) => x.kind === 'Service'))
    services.set(String(o.metadata.name), {
      name: String(o.metadata.name),
      selector: (o.spec?.selector ?? {}) as Record<string, string>,
      ports: ((o.spec?.ports ?? []) as Obj[]).map((p) => ({
        port: Number(p.port),
        targetPort: p.targetPort ?? Number(p.port),
        protocol: protocolOf(p),
      })),
    });

  const workloads = new Map<string, Workload>();
  for (const o of base.filter((x) => x.kind === 'Deployment' || x.kind === 'StatefulSet')) {
    const name = String(o.metadata.name);
    const pod = o.spec.template.spec as Obj;
    const containers = (pod.containers ?? []) as Obj[];
    if (containers.length !== 1) problems.push(`${name}: ${containers.length} containers`);
    const c = containers[0] ?? {};
    const env = new Map<string, string>();
    for (const from of (c.envFrom ?? []) as Obj[]) {
      const ref = from.configMapRef?.name ?? from.secretRef?.name;
      const source = from.configMapRef ? configMaps.get(ref) : secrets.get(ref);
      if (source === undefined) problems.push(`${name}: envFrom names ${ref}, which the export does not hold`);
      for (const [k, v] of source ?? []) env.set(k, v);
    }
    for (const e of (c.env ?? []) as Obj[]) {
      const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
      if (ref === undefined) {
        env.set(e.name, expandEnv(String(e.value ?? ''), env));
        continue;
      }
      const source = e.valueFrom.secretKeyRef ? secrets.get(ref.name) : configMaps.get(ref.name);
      const value = source?.get(ref.key);
      if (value === undefined) problems.push(`${name}: ${e.name} reads ${ref.name}/${ref.key}, which does not exist`);
      else env.set(e.name, value);
    }
    const mounted = new Set(
      ((pod.volumes ?? []) as Obj[]).flatMap((v) => (v.configMap?.name ? [String(v.configMap.name)] : [])),
    );
    const sentinelConfs = [...mounted].flatMap((m) => {
      const conf = configMaps.get(m)?.get('sentinel.conf');
      return conf === undefined ? [] : [conf];
    });
    workloads.set(name, {
      name,
      podLabels: (o.spec.template.metadata?.labels ?? {}) as Record<string, string>,
      ports: ((c.ports ?? []) as Obj[]).map((p) => ({
        ...(p.name !== undefined ? { name: String(p.name) } : {}),
        containerPort: Number(p.containerPort),
        protocol: protocolOf(p),
      })),
      env,
      sentinelConfs,
    });
  }

  const backends: Backend[] = [];
  for (const o of base.filter((x) => x.kind === 'Ingress')) {
    const where = `Ingress/${o.metadata.name}`;
    if (o.spec?.defaultBackend) problems.push(`${where}: a default backend no route draws`);
    for (const r of (o.spec?.rules ?? []) as Obj[])
      for (const p of (r.http?.paths ?? []) as Obj[]) {
        const s = p.backend?.service ?? {};
        backends.push({
          where,
          host: String(r.host ?? ''),
          path: String(p.path ?? '/'),
          service: String(s.name),
          port: s.port?.number ?? String(s.port?.name),
        });
      }
  }
  for (const o of base.filter((x) => x.kind === 'IngressRoute'))
    for (const r of (o.spec?.routes ?? []) as Obj[]) {
      const where = `IngressRoute/${o.metadata.name}`;
      const m = /^Host\(`([^`]+)`\)(?: && PathPrefix\(`([^`]+)`\))?$/.exec(String(r.match));
      if (!m) {
        problems.push(`${where}: unreadable match ${String(r.match)}`);
        continue;
      }
      for (const s of (r.services ?? []) as Obj[])
        backends.push({ where, host: m[1]!, path: m[2] ?? '/', service: String(s.name), port: s.port });
    }
  return { namespace, services, workloads, backends, problems };
}

// ---------------------------------------------------------------------------------------------
// Addresses in values

const DEFAULT_PORT: Readonly<Record<string, number>> = {
  mysql: 3306,
  postgres: 5432,
  postgresql: 5432,
  redis: 6379,
  rediss: 6379,
  'redis-sentinel': 26379,
  http: 80,
  ws: 80,
  https: 443,
  wss: 443,
};

export interface Address {
  readonly scheme?: string;
  readonly host: string;
  readonly port: number;
  /** A URI's path (a database, a Sentinel master name). */
  readonly path?: string;
}

/** Every host and port a value names: a URI (several hosts after `://` allowed), or `host:port` lists. */
export function addressesIn(value: string): Address[] {
  const uri = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(?:\/([^?#]*))?/i.exec(value.trim());
  if (uri) {
    const scheme = uri[1]!.toLowerCase();
    const authority = uri[2]!.slice(uri[2]!.lastIndexOf('@') + 1);
    return authority.split(',').flatMap((hp) => {
      const m = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(hp);
      const port = m?.[2] !== undefined ? Number(m[2]) : DEFAULT_PORT[scheme];
      if (!m || port === undefined) return [];
      return [{ scheme, host: m[1]!.toLowerCase(), port, path: decodeURIComponent(uri[3] ?? '') }];
    });
  }
  return value.split(',').flatMap((part) => {
    const m = /^\s*([a-z0-9][a-z0-9.-]*):(\d{1,5})\s*$/i.exec(part);
    return m ? [{ host: m[1]!.toLowerCase(), port: Number(m[2]) }] : [];
  });
}

/** The Service name an in-cluster host names (`svc`, `svc.ns`, `svc.ns.svc[.cluster.local]`), else undefined. */
export function inClusterName(host: string, namespace: string): string | undefined {
  const h = host.replace(/\.$/, '').replace(/\.svc(\.cluster\.local)?$/, '');
  const short = h.endsWith(`.${namespace}`) ? h.slice(0, -namespace.length - 1) : h;
  // Any dotless name is looked up in the namespace (`sql_1` too, which no Service can be called); loopback is the pod itself.
  return short !== '' && !short.includes('.') && !short.includes(':') && short !== 'localhost' ? short : undefined;
}

// ---------------------------------------------------------------------------------------------
// Following an address to the pods

interface Reach {
  readonly workload: string;
  readonly containerPort: number;
}

/** Where Service `name` on `port` leads: exactly one workload's pods and a port they declare — or why not. */
function follow(cluster: Cluster, name: string, port: number | string): Reach | string {
  const svc = cluster.services.get(name);
  if (svc === undefined) return `no Service ${name} in namespace ${cluster.namespace}`;
  const sp = svc.ports.find((p) => (typeof port === 'number' ? p.port === port : false));
  if (sp === undefined)
    return `Service ${name} exposes no port ${port} (it has ${svc.ports.map((p) => p.port).join(', ')})`;
  const entries = Object.entries(svc.selector);
  if (entries.length === 0) return `Service ${name} has no selector`;
  const selected = [...cluster.workloads.values()].filter((w) => entries.every(([k, v]) => w.podLabels[k] === v));
  if (selected.length !== 1)
    return `Service ${name} selects the pods of ${selected.length === 0 ? 'no workload' : selected.map((w) => w.name).join(' and ')}`;
  const w = selected[0]!;
  const cp = w.ports.find(
    (p) =>
      p.protocol === sp.protocol &&
      (typeof sp.targetPort === 'number' ? p.containerPort === sp.targetPort : p.name === sp.targetPort),
  );
  if (cp === undefined)
    return `Service ${name} port ${sp.port} targets ${sp.targetPort}, which ${w.name} does not declare`;
  return { workload: w.name, containerPort: cp.containerPort };
}

// ---------------------------------------------------------------------------------------------
// The property

const SCHEME_KINDS: Readonly<Record<string, Component['kind']>> = {
  mysql: 'database',
  postgres: 'database',
  postgresql: 'database',
  redis: 'redis',
  rediss: 'redis',
  'redis-sentinel': 'redis-sentinel',
};

/** The drawn links whose address the export configures: nextauth → database / Redis / Sentinel, Sentinel → Redis. */
const CONFIGURED: Readonly<Partial<Record<Component['kind'], Readonly<Record<string, Component['kind']>>>>> = {
  nextauth: { db: 'database', redis: 'redis', sentinel: 'redis-sentinel' },
  'redis-sentinel': { redis: 'redis' },
};

function sentinelMonitors(conf: string): { master: string; host: string; port: number }[] {
  return conf.split('\n').flatMap((raw) => {
    const w = raw.replace(/#.*$/, '').trim().split(/\s+/);
    return w[0] === 'sentinel' && w[1] === 'monitor' && w.length >= 6
      ? [{ master: w[2]!, host: w[3]!.toLowerCase(), port: Number(w[4]) }]
      : [];
  });
}

export interface CoherenceTally {
  values: number;
  monitors: number;
  backends: number;
  links: number;
}

/**
 * Every way the written manifests disagree with the drawing; empty means one truth. `tally`
 * counts what was followed, so a caller can tell a pass from a check that saw nothing.
 */
export function kubernetesCoherence(files: readonly ExportFile[], project: Project, tally?: CoherenceTally): string[] {
  const cluster = readCluster(files);
  const out = [...cluster.problems];
  const byId = new Map(project.components.map((c) => [c.id as string, c]));
  const inCluster = (c: Component | undefined) => c !== undefined && isDeployed(c) && !isEntryPoint(c);
  /** Drawn links X → Y, keyed `X→Y:containerPort`. */
  const drawn = new Set(
    project.links.flatMap((l) => {
      const t = byId.get(l.to);
      const n = t === undefined ? undefined : portNumber(t, l.port);
      return n === undefined ? [] : [`${l.from}→${l.to}:${n}`];
    }),
  );
  /** What each workload's values reach: `X→Y` (a workload) or `X→@host:port` (outside). */
  const reached = new Set<string>();
  /** Sentinel → the Redis workload (or outside address) it monitors, with the master name. */
  const monitored = new Map<string, { target: string; master: string }[]>();

  for (const c of project.components.filter(inCluster)) {
    if (!cluster.workloads.has(c.id)) out.push(`${c.id} is drawn in the cluster, but no workload runs it`);
  }

  for (const w of cluster.workloads.values()) {
    const addresses = [...w.env].flatMap(([variable, value]) =>
      addressesIn(value).map((a) => ({ variable, value, a })),
    );
    for (const conf of w.sentinelConfs)
      for (const m of sentinelMonitors(conf)) {
        addresses.push({
          variable: 'sentinel monitor',
          value: `${m.host} ${m.port}`,
          a: { host: m.host, port: m.port },
        });
        const name = inClusterName(m.host, cluster.namespace);
        const target = name === undefined ? `@${m.host}:${m.port}` : name;
        monitored.set(w.name, [...(monitored.get(w.name) ?? []), { target, master: m.master }]);
        if (tally) tally.monitors++;
      }
    for (const { variable, value, a } of addresses) {
      const say = (why: string) => out.push(`${w.name} ${variable} = ${value}: ${why}`);
      const name = inClusterName(a.host, cluster.namespace);
      if (name === undefined) {
        reached.add(`${w.name}→@${a.host}:${a.port}`);
        continue;
      }
      if (tally) tally.values++;
      const r = follow(cluster, name, a.port);
      if (typeof r === 'string') {
        say(r);
        continue;
      }
      const kind = a.scheme === undefined ? undefined : SCHEME_KINDS[a.scheme];
      const targetKind = byId.get(r.workload)?.kind;
      if (kind !== undefined && targetKind !== kind)
        say(`${a.scheme}:// reaches ${r.workload}, a ${targetKind ?? 'component the drawing does not hold'}`);
      else if (!drawn.has(`${w.name}→${r.workload}:${r.containerPort}`))
        say(`reaches ${r.workload}:${r.containerPort}, a connection the drawing does not hold`);
      else reached.add(`${w.name}→${r.workload}`);
    }
  }

  // Each drawn connection the export configures appears as a resolved value (a Redis also through a Sentinel that monitors it).
  for (const l of project.links) {
    const from = byId.get(l.from);
    const to = byId.get(l.to);
    if (from === undefined || to === undefined || !inCluster(from)) continue;
    if (CONFIGURED[from.kind]?.[l.port] !== to.kind) {
      // An address the image has built in (mgmt → nextauth's REST API): the target's Service must still carry the port.
      const port = portNumber(to, l.port);
      if (!inCluster(to) || port === undefined) continue;
      if (tally) tally.links++;
      const r = follow(cluster, to.id, port);
      if (typeof r === 'string') out.push(`${from.id} is drawn connected to ${to.id} (${l.port}): ${r}`);
      else if (r.workload !== to.id || r.containerPort !== port)
        out.push(
          `${from.id} is drawn connected to ${to.id}:${port}, but Service ${to.id} leads to ${r.workload}:${r.containerPort}`,
        );
      continue;
    }
    if (tally) tally.links++;
    const port = portNumber(to, l.port);
    const key = inCluster(to)
      ? `${from.id}→${to.id}`
      : `${from.id}→@${String(to.properties.host ?? '').toLowerCase()}:${port}`;
    if (reached.has(key)) continue;
    if (from.kind === 'redis-sentinel' && !inCluster(to)) {
      if ((monitored.get(from.id) ?? []).some((m) => m.target === key.slice(key.indexOf('@')))) continue;
    }
    const viaSentinel =
      to.kind === 'redis' &&
      [...monitored].some(
        ([s, ms]) =>
          reached.has(`${from.id}→${s}`) &&
          ms.some((m) => m.target === (inCluster(to) ? to.id : key.slice(key.indexOf('@')))),
      );
    if (!viaSentinel)
      out.push(
        `${from.id} is drawn connected to ${to.id} (${l.port}), but no value of it reaches ${key.split('→')[1]}`,
      );
  }
  // A nextauth that reaches a Sentinel asks it for a master that Sentinel monitors.
  for (const w of cluster.workloads.values())
    for (const [variable, value] of w.env)
      for (const a of addressesIn(value)) {
        if (a.scheme !== 'redis-sentinel') continue;
        const s = inClusterName(a.host, cluster.namespace);
        const master = (a.path ?? '').split('/')[0];
        if (s !== undefined && monitored.has(s) && !monitored.get(s)!.some((m) => m.master === master))
          out.push(`${w.name} ${variable} asks ${s} for master "${master}", which it does not monitor`);
      }

  // Routes: every backend leads to the drawn target's pods, and the backends are exactly the drawn routes.
  const written: string[] = [];
  for (const b of cluster.backends) {
    if (tally) tally.backends++;
    const r = follow(cluster, b.service, b.port);
    if (typeof r === 'string') out.push(`${b.where} ${b.host}${b.path}: ${r}`);
    else written.push(`${b.host.toLowerCase()}${b.path} → ${r.workload}:${r.containerPort}`);
  }
  const expected = project.routes.flatMap((r) => {
    const t = byId.get(r.target);
    const n = t === undefined ? undefined : portNumber(t, r.port);
    return inCluster(t) && n !== undefined ? [`${r.host.toLowerCase()}${r.path} → ${r.target}:${n}`] : [];
  });
  for (const miss of difference(expected, written)) out.push(`the drawn route ${miss} has no backend`);
  for (const extra of difference(written, expected)) out.push(`a backend ${extra} is no drawn route`);
  return out;
}

/** Multiset a − b. */
function difference(a: readonly string[], b: readonly string[]): string[] {
  const left = [...b];
  return a.filter((x) => {
    const i = left.indexOf(x);
    if (i === -1) return true;
    left.splice(i, 1);
    return false;
  });
}
