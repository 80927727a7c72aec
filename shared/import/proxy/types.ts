/**
 * What a reverse-proxy import produces, whatever the flavour (nginx, a Traefik dynamic file,
 * Traefik Docker labels): neutral routes that name their upstream by host and port, not by
 * component. Turning `nextauth:8009` into a component and a port name is the assembly's job,
 * which knows the compose services; the proxy readers only know the proxy's own words.
 */
import type { RouteScheme, RouteTls } from '../../model/types';
import type { ImportNote, ImportOutcome, SourcePos } from '../types';

/** Reads an included file; `undefined` when there is no such file. Injected, so shared/ stays free of Node. */
export type ReadFile = (path: string) => string | undefined;

/**
 * The files a glob pattern (`conf.d/*.conf`, `/etc/nginx/sites-enabled/*`) names, sorted; undefined
 * when the caller cannot tell. Injected like ReadFile: shared/ lists no folder itself.
 */
export type ListFiles = (pattern: string) => readonly string[] | undefined;

export interface ImportedUpstream {
  /** As the proxy names it: a compose service name, an address, or an nginx upstream's server. */
  readonly host: string;
  readonly port: number;
  /** The proxy opens TLS to the upstream (re-encryption). */
  readonly tls: boolean;
}

/**
 * Whether the proxy forwards WebSocket upgrades on this route. nginx says so per location
 * (the Upgrade/Connection headers); Traefik forwards upgrades on every router, so its
 * configuration cannot tell a WebSocket route from an HTTP one: `unknown`, and the scheme is
 * then the HTTP one (`https`/`http`) for the assembly to refine from the target port.
 */
export type WebSocketUse = 'upgrade' | 'none' | 'unknown';

/** A public URL the proxy serves and the upstream it forwards to. */
export interface ImportedRoute {
  readonly scheme: RouteScheme;
  /** Lower-case host name; a wildcard (`*.example.com`) is kept as written. */
  readonly host: string;
  /** The port the proxy listens on; omitted for the scheme's default (443 for https/wss, 80 for http/ws). */
  readonly publicPort?: number;
  /** Path prefix in the model's form (`/`, unreserved characters, `%XX` for every other byte). */
  readonly path: string;
  readonly upstream: ImportedUpstream;
  readonly tls: RouteTls;
  readonly websocket: WebSocketUse;
  /** The location, router or label that made this route. */
  readonly at: SourcePos;
}

/** A listener that sends plain HTTP to HTTPS: the proxy's HTTP→HTTPS redirect, not a route. */
export interface ImportedRedirect {
  /** The host names redirected; empty when every host name is. */
  readonly hosts: readonly string[];
  /** The plain-HTTP port. */
  readonly port: number;
  /** The HTTPS port redirected to, when the configuration names one (443 otherwise). */
  readonly toPort?: number;
  readonly at: SourcePos;
}

export interface ProxyImport {
  readonly routes: readonly ImportedRoute[];
  readonly redirects: readonly ImportedRedirect[];
  /** Everything else the configuration says, interpreted or not understood, with its position. */
  readonly notes: readonly ImportNote[];
}

export type ProxyImportOutcome = ImportOutcome<ProxyImport>;

/** The scheme's own port, which a route leaves out. */
export const defaultPort = (scheme: RouteScheme): number => (scheme === 'https' || scheme === 'wss' ? 443 : 80);
