/**
 * Traefik's routing configuration in one neutral shape, whichever provider it came from (a
 * dynamic file in YAML or TOML, or Docker labels), and the routes it makes. Routers pick
 * requests by entry point and rule, and send them to a service's servers; a router whose
 * middleware is `redirectScheme: https` is the HTTP→HTTPS redirect. References such as
 * `svc@file` or `svc@docker` name the same service as `svc`: everything given here is one
 * configuration.
 */
import type { ImportNote, ImportProblem, SourcePos } from '../types';
import { modelHost, modelPath, isHostPattern } from './text';
import { parseRule, type Matcher } from './traefik-rule';
import { hostPort } from './nginx-upstream';
import { shadowedRoutes, type Made } from './traefik-priority';
import { defaultPort, type ImportedRedirect, type ImportedRoute, type ImportedUpstream } from './types';

export interface Named {
  readonly name: string;
  readonly at: SourcePos;
}

export interface TraefikRule {
  readonly text: string;
  readonly at: SourcePos;
  /** Where the character at `offset` of the rule was written (exact when the value has no escapes). */
  readonly posAt: (offset: number) => SourcePos;
}

export interface TraefikRouter {
  readonly protocol: 'http' | 'tcp';
  readonly name: string;
  readonly at: SourcePos;
  readonly rule?: TraefikRule;
  /** Undefined: the router did not name any (Traefik then uses every default entry point). */
  readonly entryPoints?: readonly Named[];
  readonly tls?: { readonly passthrough: boolean; readonly at: SourcePos };
  readonly service?: Named;
  readonly middlewares: readonly Named[];
  /** `priority` as written; Traefik's default is the length of the rule. */
  readonly priority?: number;
}

export interface TraefikServer {
  /** `url` of an HTTP server, `address` of a TCP one. */
  readonly value: string;
  readonly at: SourcePos;
}

export interface TraefikService {
  readonly protocol: 'http' | 'tcp';
  readonly name: string;
  readonly at: SourcePos;
  readonly servers: readonly TraefikServer[];
  readonly serversTransport?: Named;
  /** `weighted`, `mirroring`, `failover`: not a list of servers. */
  readonly kind?: string;
}

export interface TraefikMiddleware {
  readonly name: string;
  readonly at: SourcePos;
  /** The middleware's type: `redirectScheme`, `stripPrefix`, … */
  readonly type: string;
  readonly redirectScheme?: { readonly scheme: string; readonly port?: number };
}

export interface TraefikDynamic {
  readonly routers: readonly TraefikRouter[];
  readonly services: ReadonlyMap<string, TraefikService>;
  readonly middlewares: ReadonlyMap<string, TraefikMiddleware>;
  /** Transports by name, with the settings other than `insecureSkipVerify` (which re-encryption always has here). */
  readonly transports: ReadonlyMap<string, Named>;
}

export interface EntryPoint {
  readonly name: string;
  readonly port: number;
  readonly at: SourcePos;
  /** `http.tls` on the entry point: every router on it ends TLS. */
  readonly tls?: boolean;
  /** `http.redirections.entryPoint`: the whole entry point redirects to another, over `scheme`. */
  readonly redirectTo?: { readonly entryPoint: string; readonly scheme: string; readonly at: SourcePos };
}

/**
 * Entry points by name when no static configuration was given: the names Traefik's own
 * documentation and most compose files use for ports 80 and 443.
 */
export const CONVENTIONAL_ENTRY_POINTS: ReadonlyMap<string, number> = new Map([
  ['web', 80],
  ['http', 80],
  ['websecure', 443],
  ['https', 443],
]);

export interface TraefikRoutes {
  readonly routes: ImportedRoute[];
  readonly redirects: ImportedRedirect[];
  readonly notes: ImportNote[];
  readonly problems: ImportProblem[];
}

/** `svc@file` → `svc`; `noop@internal` stays, Traefik's own. */
const local = (name: string): string =>
  /@(?:file|docker|swarm)$/.test(name) ? name.slice(0, name.lastIndexOf('@')) : name;

/** What one alternative of a rule says: hosts and path, and the matchers that narrow it further. */
interface Alternative {
  readonly hosts: readonly string[];
  readonly path: string;
  readonly exact: boolean;
  readonly rest: readonly Matcher[];
  readonly conflict?: string;
}

function readAlternative(matchers: readonly Matcher[], hostMatcher: string): Alternative {
  let hostSets: string[][] = [];
  const paths: { path: string; exact: boolean }[] = [];
  const rest: Matcher[] = [];
  for (const m of matchers) {
    if (m.negated) rest.push(m);
    // v2's HostHeader is Host under another name.
    else if (m.name === hostMatcher || (hostMatcher === 'Host' && m.name === 'HostHeader'))
      hostSets.push(m.args.map((h) => modelHost(h)));
    else if (m.name === 'PathPrefix' || m.name === 'Path') {
      // v2 allowed several arguments meaning either; the first is taken and the rest noted.
      if (m.args.length !== 1) rest.push({ ...m, args: m.args.slice(1) });
      if (m.args[0] !== undefined) paths.push({ path: m.args[0], exact: m.name === 'Path' });
    } else rest.push(m);
  }
  // Host(`a`) && Host(`b`): only the names in every set match.
  hostSets = hostSets.filter((s) => s.length > 0);
  const hosts = hostSets.length === 0 ? [] : hostSets.reduce((a, b) => a.filter((h) => b.includes(h)));
  const conflict = hostSets.length > 1 && hosts.length === 0 ? 'its Host matchers name no common host' : undefined;
  // PathPrefix(`/a`) && PathPrefix(`/a/b`): the longer decides; two unrelated prefixes match nothing.
  paths.sort((a, b) => b.path.length - a.path.length);
  const longest = paths[0];
  const unrelated =
    longest !== undefined &&
    paths.some((p) => !longest.path.startsWith(p.path) || (p.exact && p.path !== longest.path));
  return {
    hosts,
    path: longest?.path ?? '/',
    exact: longest?.exact ?? false,
    rest,
    ...(conflict !== undefined ? { conflict } : unrelated ? { conflict: 'its path matchers exclude each other' } : {}),
  };
}

const show = (m: Matcher): string => `${m.negated ? '!' : ''}${m.name}(${m.args.map((a) => `\`${a}\``).join(', ')})`;

export function routesOf(
  dynamic: TraefikDynamic,
  entryPoints: ReadonlyMap<string, EntryPoint> | undefined,
): TraefikRoutes {
  const out: TraefikRoutes = { routes: [], redirects: [], notes: [], problems: [] };
  const note = (kind: ImportNote['kind'], text: string, at: SourcePos) => out.notes.push({ kind, text, at });
  const made: Made[] = [];

  /** The ports a router listens on, with the TLS an entry point adds. */
  const portsOf = (r: TraefikRouter): { port: number; tls: boolean; at: SourcePos }[] => {
    if (r.entryPoints === undefined) {
      if (entryPoints !== undefined && entryPoints.size > 0) {
        // Not on an entry point that redirects as a whole: its redirection answers first.
        return [...entryPoints.values()]
          .filter((e) => e.redirectTo === undefined)
          .map((e) => ({ port: e.port, tls: e.tls ?? false, at: r.at }));
      }
      const port = r.tls !== undefined ? 443 : 80;
      note(
        'interpreted',
        `router ${r.name} names no entry point: Traefik puts it on every one; imported on port ${port}`,
        r.at,
      );
      return [{ port, tls: false, at: r.at }];
    }
    return r.entryPoints.flatMap((e) => {
      const known = entryPoints?.get(e.name);
      if (known?.redirectTo !== undefined) {
        // The entry point's own redirection answers before any router is tried.
        note(
          'interpreted',
          `entry point ${e.name} redirects every request to ${known.redirectTo.entryPoint}; router ${r.name} is never reached there`,
          e.at,
        );
        return [];
      }
      if (known !== undefined) return [{ port: known.port, tls: known.tls ?? false, at: e.at }];
      const conventional = entryPoints === undefined ? CONVENTIONAL_ENTRY_POINTS.get(e.name) : undefined;
      if (conventional !== undefined) {
        note(
          'interpreted',
          `entry point ${e.name}: read as port ${conventional} (no static configuration was given)`,
          e.at,
        );
        return [{ port: conventional, tls: false, at: e.at }];
      }
      note(
        'not-understood',
        `entry point ${e.name} of router ${r.name}: its port is not known${entryPoints === undefined ? ' (give the static configuration too)' : ''}; not imported`,
        e.at,
      );
      return [];
    });
  };

  const upstreamOf = (r: TraefikRouter): ImportedUpstream | undefined => {
    if (r.service === undefined) {
      note('not-understood', `router ${r.name} names no service; not imported`, r.at);
      return undefined;
    }
    const name = local(r.service.name);
    if (name.endsWith('@internal')) {
      note('not-understood', `router ${r.name} goes to Traefik's own ${name}; not imported`, r.service.at);
      return undefined;
    }
    const service = dynamic.services.get(`${r.protocol} ${name}`);
    if (service === undefined) {
      note(
        'not-understood',
        `router ${r.name}: its service ${r.service.name} is not defined here; not imported`,
        r.service.at,
      );
      return undefined;
    }
    if (service.kind !== undefined || service.servers.length === 0) {
      note(
        'not-understood',
        `service ${service.name}: ${service.kind !== undefined ? `a ${service.kind} service` : 'no servers'}; router ${r.name} is not imported`,
        service.at,
      );
      return undefined;
    }
    const first = service.servers[0]!;
    const distinct = new Set(service.servers.map((s) => s.value));
    if (distinct.size > 1) {
      note(
        'interpreted',
        `service ${service.name} balances over ${service.servers.length} servers; the route goes to the first, ${first.value}`,
        service.at,
      );
    }
    if (service.protocol === 'tcp') {
      const address = hostPort(first.value, 0);
      if (address === undefined || address.port === 0) {
        note(
          'not-understood',
          `server address ${first.value}: not host:port; router ${r.name} is not imported`,
          first.at,
        );
        return undefined;
      }
      return { ...address, tls: false };
    }
    const m = /^(https?|h2c):\/\/([^/?#]+)(.*)$/i.exec(first.value);
    const scheme = m?.[1]!.toLowerCase();
    const address = m === null ? undefined : hostPort(m[2]!, scheme === 'https' ? 443 : 80);
    if (m === null || address === undefined) {
      note(
        'not-understood',
        `server url ${first.value}: not an http:// or https:// URL with a host; router ${r.name} is not imported`,
        first.at,
      );
      return undefined;
    }
    if (m[3] !== '' && m[3] !== '/')
      note('not-understood', `server url ${first.value}: its path ${m[3]} is not imported`, first.at);
    if (scheme === 'h2c')
      note('interpreted', `server url ${first.value}: HTTP/2 without TLS, imported as plain HTTP`, first.at);
    const transport = service.serversTransport;
    if (transport !== undefined) {
      const t = dynamic.transports.get(local(transport.name));
      if (t === undefined && !transport.name.endsWith('@internal')) {
        note('not-understood', `serversTransport ${transport.name} is not defined here`, transport.at);
      }
    }
    return { ...address, tls: scheme === 'https' };
  };

  for (const r of dynamic.routers) {
    if (r.rule === undefined) {
      note(
        'not-understood',
        `router ${r.name} has no rule (the provider's default rule is not known here); not imported`,
        r.at,
      );
      continue;
    }
    const parsed = parseRule(r.rule.text);
    if (!parsed.ok) {
      out.problems.push({
        code: 'proxy-syntax',
        severity: 'error',
        message: `router ${r.name}: ${parsed.message}`,
        at: r.rule.posAt(parsed.offset),
      });
      continue;
    }
    const hostMatcher = r.protocol === 'tcp' ? 'HostSNI' : 'Host';
    const alternatives = parsed.alternatives.map((a) => readAlternative(a, hostMatcher));
    const redirect = r.middlewares
      .map((m) => dynamic.middlewares.get(local(m.name)))
      .find((m) => m?.redirectScheme?.scheme === 'https');
    for (const m of r.middlewares) {
      const mw = dynamic.middlewares.get(local(m.name));
      if (mw === redirect && mw !== undefined) continue;
      note(
        'not-understood',
        mw === undefined
          ? `middleware ${m.name} of router ${r.name} is not defined here; not imported`
          : `middleware ${m.name} (${mw.type}) of router ${r.name}: not imported`,
        m.at,
      );
    }
    const ports = portsOf(r);
    if (redirect !== undefined) {
      const hosts = [...new Set(alternatives.flatMap((a) => a.hosts))];
      const toPort = redirect.redirectScheme?.port;
      for (const p of ports) {
        out.redirects.push({
          hosts,
          port: p.port,
          ...(toPort !== undefined && toPort !== 443 ? { toPort } : {}),
          at: r.at,
        });
      }
      continue;
    }
    if (r.protocol === 'tcp' && r.tls?.passthrough !== true) {
      note(
        'not-understood',
        `TCP router ${r.name}: ${r.tls ? 'ends TLS and forwards raw TCP' : 'raw TCP'}, which is not a web route; not imported`,
        r.at,
      );
      continue;
    }
    const upstream = upstreamOf(r);
    if (upstream === undefined) continue;
    for (const a of alternatives) {
      const where = r.rule.at;
      if (a.conflict !== undefined) {
        note(
          'not-understood',
          `router ${r.name}: an alternative of its rule matches nothing (${a.conflict}); not imported`,
          where,
        );
        continue;
      }
      for (const m of a.rest) {
        note(
          'not-understood',
          `router ${r.name}: ${show(m)} narrows the route further; imported without it`,
          r.rule.posAt(m.offset),
        );
      }
      if (a.exact)
        note(
          'interpreted',
          `router ${r.name}: Path(\`${a.path}\`) is an exact match, imported as the path prefix`,
          where,
        );
      if (!a.path.startsWith('/')) {
        note('not-understood', `router ${r.name}: the path ${a.path} does not start with "/"; not imported`, where);
        continue;
      }
      const hosts = a.hosts.filter((h) => {
        if (isHostPattern(h)) return true;
        note(
          'not-understood',
          `router ${r.name}: ${hostMatcher}(\`${h}\`) is not a host name a route can hold; not imported`,
          where,
        );
        return false;
      });
      if (a.hosts.length === 0) {
        note(
          'not-understood',
          `router ${r.name}: an alternative of its rule names no ${hostMatcher}, so it matches every host; not imported`,
          where,
        );
      }
      for (const p of ports) {
        const terminate = r.protocol === 'http' && (r.tls !== undefined || p.tls);
        const passthrough = r.protocol === 'tcp';
        const scheme = terminate || passthrough ? 'https' : 'http';
        for (const host of hosts) {
          const route: ImportedRoute = {
            scheme,
            host,
            ...(p.port !== defaultPort(scheme) ? { publicPort: p.port } : {}),
            path: passthrough ? '/' : modelPath(a.path),
            upstream,
            tls: { terminate, reencrypt: upstream.tls },
            websocket: 'unknown',
            at: r.at,
          };
          out.routes.push(route);
          if (r.protocol === 'http')
            made.push({
              route,
              router: r,
              priority: r.priority ?? r.rule.text.length,
              whole: !a.exact && a.rest.length === 0,
            });
        }
      }
    }
  }

  const shadowed = shadowedRoutes(made, out.notes);
  if (shadowed.size > 0) out.routes.splice(0, out.routes.length, ...out.routes.filter((r) => !shadowed.has(r)));

  if (entryPoints !== undefined) {
    for (const e of entryPoints.values()) {
      if (e.redirectTo === undefined) continue;
      if (e.redirectTo.scheme !== 'https') {
        note(
          'not-understood',
          `entry point ${e.name} redirects to ${e.redirectTo.scheme}; not imported`,
          e.redirectTo.at,
        );
        continue;
      }
      const target = entryPoints.get(e.redirectTo.entryPoint);
      if (target === undefined) {
        note(
          'not-understood',
          `entry point ${e.name} redirects to ${e.redirectTo.entryPoint}, which is not defined`,
          e.redirectTo.at,
        );
        continue;
      }
      out.redirects.push({
        hosts: [],
        port: e.port,
        ...(target.port !== 443 ? { toPort: target.port } : {}),
        at: e.redirectTo.at,
      });
    }
  }
  return out;
}
