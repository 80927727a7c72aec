/**
 * Reverse-proxy configurations → the model's routes. Each configuration is read by its flavour's
 * reader (shared/import/proxy), which names upstreams by host and port; here the host becomes a
 * component (a service name or alias) and the port a port name, and the route is served by the
 * proxy component of that flavour. Traefik's Docker labels are read from the services that carry
 * them, with the entry points of the Traefik service's command line.
 */
import { componentPorts, portNumber } from '../../catalog/index';
import type { Component, ComponentId, ProxyFlavour, Route, RouteId, RouteScheme } from '../../model/types';
import { dirnamePath, joinPath, normalizePath } from '../compose/paths';
import { importCaddyfile } from '../proxy/caddy-routes';
import { importHaproxy } from '../proxy/haproxy-routes';
import { proxyFiles, type BindMount } from '../proxy/mounts';
import { importNginx } from '../proxy/nginx-routes';
import { entryPointsFromArgs } from '../proxy/traefik-static';
import { importTraefikFiles } from '../proxy/traefik-file';
import { importTraefikLabels, type LabelledService } from '../proxy/traefik-labels';
import type { EntryPoint } from '../proxy/traefik-model';
import type { ImportedRoute, ProxyImportOutcome, ReadFile } from '../proxy/types';
import type { ImportNote, ImportProblem, SourcePos } from '../types';
import type { InputFile } from './types';
import type { ServiceFacts } from './service-facts';

type Reader = (file: InputFile, readFile: ReadFile) => ProxyImportOutcome;

/**
 * The readers of one file by flavour. nginx's files are read with the proxy's mounts (nginxReads),
 * Traefik's together with its entry points.
 */
export const PROXY_READERS: Partial<Record<Exclude<ProxyFlavour, 'traefik' | 'nginx'>, Reader>> = {
  haproxy: (f) => importHaproxy(f.text, f.path),
  caddy: (f, readFile) => importCaddyfile(f.text, f.path, { readFile }),
};

/** Which flavour a configuration file is, from its name and then its first words. */
export function flavourOfConfig(file: InputFile): ProxyFlavour {
  const base = file.path.replace(/^.*[\\/]/, '').toLowerCase();
  if (base.includes('caddyfile') || base.endsWith('.caddy')) return 'caddy';
  if (base.includes('haproxy')) return 'haproxy';
  if (/\.(ya?ml|toml)$/.test(base)) return 'traefik';
  if (/^\s*(?:frontend|backend|listen|defaults)\b/m.test(file.text) && !/^\s*server\s*\{/m.test(file.text))
    return 'haproxy';
  return 'nginx';
}

export interface RouteContext {
  readonly components: readonly Component[];
  readonly facts: ReadonlyMap<ComponentId, ServiceFacts>;
  /** Service names and aliases → component. */
  readonly hostToId: ReadonlyMap<string, ComponentId>;
  readonly readFile: ReadFile;
  readonly notes: ImportNote[];
  readonly warnings: ImportProblem[];
}

/** The scheme of a route: a WebSocket upgrade (or a target port that speaks WebSocket) makes it ws/wss. */
function schemeOf(r: ImportedRoute, targetProtocol: string | undefined): RouteScheme {
  const secure = r.scheme === 'https' || r.scheme === 'wss';
  const ws =
    r.websocket === 'upgrade' ||
    r.scheme === 'ws' ||
    r.scheme === 'wss' ||
    (r.websocket === 'unknown' && (targetProtocol === 'ws' || targetProtocol === 'wss'));
  return ws ? (secure ? 'wss' : 'ws') : secure ? 'https' : 'http';
}

function toRoute(r: ImportedRoute, via: Component, ctx: RouteContext, n: number): Route | undefined {
  const to = ctx.hostToId.get(r.upstream.host.toLowerCase());
  const target = to !== undefined ? ctx.components.find((c) => c.id === to) : undefined;
  const where = `${r.scheme}://${r.host}${r.publicPort !== undefined ? `:${r.publicPort}` : ''}${r.path}`;
  if (target === undefined) {
    ctx.notes.push({
      kind: 'not-understood',
      text: `route ${where} goes to ${r.upstream.host}:${r.upstream.port}, which is no service of the compose files: not drawn`,
      at: r.at,
    });
    return undefined;
  }
  // The port it really listens on: a moved port (an override) is where the upstream reaches it.
  const port = componentPorts(target).find((p) => portNumber(target, p.name) === r.upstream.port);
  if (port === undefined) {
    ctx.notes.push({
      kind: 'not-understood',
      text: `route ${where} goes to port ${r.upstream.port} of ${target.id}, which it does not listen on: not drawn`,
      at: r.at,
    });
    return undefined;
  }
  return {
    id: `route-${n}` as RouteId,
    via: via.id,
    scheme: schemeOf(r, port.protocol),
    host: r.host,
    ...(r.publicPort !== undefined ? { publicPort: r.publicPort } : {}),
    path: r.path,
    target: target.id,
    port: port.name,
    tls: r.tls,
  };
}

/** The host side of each volume a service mounts (`./nginx/nginx.conf:/etc/nginx/nginx.conf:ro`, or the long form's `source`). */
function mountedSources(c: Component): string[] {
  const volumes = c.passThrough?.volumes;
  if (!Array.isArray(volumes)) return [];
  return (volumes as readonly unknown[]).flatMap((v) => {
    if (typeof v === 'string') return [v.split(':')[0]!];
    if (v !== null && typeof v === 'object' && typeof (v as { source?: unknown }).source === 'string')
      return [(v as { source: string }).source];
    return [];
  });
}

const plainPath = (p: string): string => p.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');

/**
 * The bind mounts of a proxy's service (`./conf.d:/etc/nginx/conf.d:ro`, or the long form), host
 * sides resolved from the compose file's folder as compose does; named volumes are no files.
 */
function bindMounts(c: Component, ctx: RouteContext): BindMount[] {
  const volumes = c.passThrough?.volumes;
  const file = ctx.facts.get(c.id)?.service.at.file;
  if (!Array.isArray(volumes) || file === undefined) return [];
  const dir = dirnamePath(file);
  return (volumes as readonly unknown[]).flatMap((v): BindMount[] => {
    let source: unknown;
    let target: unknown;
    if (typeof v === 'string') [source, target] = v.split(':');
    else if (v !== null && typeof v === 'object') ({ source, target } = v as { source?: unknown; target?: unknown });
    if (typeof source !== 'string' || typeof target !== 'string' || !target.startsWith('/')) return [];
    if (!/^(?:\.{1,2}(?:\/|$)|\/)/.test(source)) return [];
    return [{ host: joinPath(dir, source), container: normalizePath(target) }];
  });
}

/**
 * The proxy component of a flavour that serves a configuration: the one that mounts that very
 * file (several proxies each mount their own `nginx.conf`, so the path decides before the name),
 * else one that mounts a file of that name, else the first.
 */
function proxyFor(flavour: ProxyFlavour, file: InputFile, ctx: RouteContext): Component | undefined {
  const proxies = ctx.components.filter((c) => c.kind === 'reverse-proxy' && c.flavour === flavour);
  if (proxies.length <= 1) return proxies[0];
  const path = plainPath(file.path);
  const base = path.replace(/^.*\//, '');
  const sources = (p: Component) => mountedSources(p).map(plainPath);
  return (
    proxies.find((p) => sources(p).includes(path)) ??
    proxies.find((p) => sources(p).some((s) => path.endsWith(`/${s}`) || s.endsWith(`/${path}`))) ??
    proxies.find((p) => sources(p).some((s) => s.replace(/^.*\//, '') === base)) ??
    proxies[0]
  );
}

const at0 = (file: string): SourcePos => ({ file, line: 1, column: 1 });

/** Traefik's entry points from its service's command line (`--entrypoints.websecure.address=:443`). */
function traefikEntryPoints(traefik: Component | undefined, ctx: RouteContext): Map<string, EntryPoint> | undefined {
  if (traefik === undefined) return undefined;
  const command = ctx.facts.get(traefik.id)?.service.node.entries.find((e) => e.key === 'command')?.value;
  const args =
    command?.kind === 'seq'
      ? command.items.flatMap((i) =>
          i.kind === 'scalar' && typeof i.value === 'string' ? [{ value: i.value, at: i.at }] : [],
        )
      : command?.kind === 'scalar' && typeof command.value === 'string'
        ? command.value.split(/\s+/).map((value) => ({ value, at: command.at }))
        : [];
  return entryPointsFromArgs(args, ctx.notes);
}

interface NginxReads {
  readonly outcome: (file: InputFile) => ProxyImportOutcome;
  /** The given configuration that includes `file` (read without errors), if any. */
  readonly includedBy: (file: InputFile) => InputFile | undefined;
}

/**
 * Each nginx configuration read with its includes through its proxy's mounts, a glob include
 * naming the other configuration files given for the same proxy (`nginx.conf` and the
 * `conf.d/*.conf` it includes). A given file that another one includes is read there, with the
 * upstreams and `map`s of the file around it, and not again on its own.
 */
function nginxReads(configs: readonly InputFile[], ctx: RouteContext): NginxReads {
  const reads = new Map<InputFile, { outcome: ProxyImportOutcome; read: ReadonlySet<string> }>();
  const ofNginx = configs.filter((f) => flavourOfConfig(f) === 'nginx');
  for (const file of ofNginx) {
    const via = proxyFor('nginx', file, ctx);
    if (via === undefined) continue;
    const siblings = ofNginx.filter((f) => proxyFor('nginx', f, ctx) === via).map((f) => f.path);
    const files = proxyFiles(bindMounts(via, ctx), siblings, ctx.readFile);
    const { readFile, listFiles, resolve } = files;
    const outcome = importNginx(file.text, file.path, { readFile, listFiles, resolve });
    reads.set(file, { outcome, read: files.read });
  }
  return {
    outcome: (file) => reads.get(file)!.outcome,
    includedBy: (file) => {
      const path = normalizePath(file.path);
      for (const [other, r] of reads) if (other !== file && r.outcome.ok && r.read.has(path)) return other;
      return undefined;
    },
  };
}

/** Routes of every configuration and of Traefik's labels, numbered in reading order. */
export function importedRoutes(
  configs: readonly InputFile[],
  ctx: RouteContext,
): Route[] | { problems: ImportProblem[] } {
  const routes: Route[] = [];
  const take = (read: ProxyImportOutcome, via: Component): ImportProblem[] | undefined => {
    if (!read.ok) return [...read.problems];
    ctx.warnings.push(...read.warnings);
    ctx.notes.push(...read.value.notes);
    for (const r of read.value.routes) {
      const route = toRoute(r, via, ctx, routes.length + 1);
      if (route !== undefined) routes.push(route);
    }
    return undefined;
  };
  const unsupported = (message: string, file: string): { problems: ImportProblem[] } => ({
    problems: [{ code: 'proxy-unsupported', severity: 'error', message, at: at0(file) }],
  });
  const traefik = ctx.components.find((c) => c.kind === 'reverse-proxy' && c.flavour === 'traefik');
  const entryPoints = traefikEntryPoints(traefik, ctx);
  const nginx = nginxReads(configs, ctx);
  // Each Traefik service's own files (its static and dynamic configuration), in reading order.
  const traefikFiles = new Map<Component, InputFile[]>();
  for (const file of configs) {
    const flavour = flavourOfConfig(file);
    const via = proxyFor(flavour, file, ctx);
    if (via === undefined)
      return unsupported(
        `${file.path} is a ${flavour} configuration, but no service of the compose files runs ${flavour}`,
        file.path,
      );
    if (flavour === 'traefik') {
      traefikFiles.set(via, [...(traefikFiles.get(via) ?? []), file]);
      continue;
    }
    if (flavour === 'nginx') {
      const includer = nginx.includedBy(file);
      if (includer !== undefined) {
        ctx.notes.push({
          kind: 'interpreted',
          text: `${file.path} is included by ${includer.path}: its routes are read there`,
          at: at0(file.path),
        });
        continue;
      }
    }
    const reader = flavour === 'nginx' ? () => nginx.outcome(file) : PROXY_READERS[flavour];
    if (reader === undefined) return unsupported(`${flavour} configurations cannot be imported yet`, file.path);
    const failed = take(reader(file, ctx.readFile), via);
    if (failed !== undefined) return { problems: failed };
  }
  // A Traefik service's files are read together (a static file's entry points serve every
  // dynamic file), with the entry points of that service's command line.
  for (const [via, files] of traefikFiles) {
    const own = traefikEntryPoints(via, ctx);
    const failed = take(importTraefikFiles(files, own !== undefined ? { entryPoints: own } : {}), via);
    if (failed !== undefined) return { problems: failed };
  }
  // Traefik's Docker provider: labels on the services.
  if (traefik !== undefined) {
    const owners: LabelledService[] = [];
    for (const [, f] of ctx.facts)
      if (f.labels.some((l) => /^traefik\./i.test(l.key)))
        owners.push({
          service: f.service.name,
          labels: f.labels,
          ports: [...new Set([...f.expose, ...f.ports.map((p) => p.target)])],
        });
    if (owners.length > 0) {
      const failed = take(importTraefikLabels(owners, entryPoints !== undefined ? { entryPoints } : {}), traefik);
      if (failed !== undefined) return { problems: failed };
    }
  }
  return routes;
}
