import type { ComponentKind, Route, RouteScheme } from './types';

/**
 * One home for every fact that several layers check: the loader refuses a file with it, the
 * inspector refuses typing it, the rules report it, the exporters rely on it, the canvas and the
 * export dialog show it. A second copy of any of these is a bug waiting to drift (two did: the
 * canvas printed a different URL than the problems panel, and the export dialog masked variables
 * the exporter did not treat as secret). Pure data and functions; no catalog, no DOM, no Node.
 */

// ---------------------------------------------------------------------------------------------
// Identifiers and names

/** Element ids: they become compose service names, file names and config identifiers. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** Environment variable names: shell identifiers, so `.env` and `${NAME}` read them. */
export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A whole value that is one `${NAME}` reference to a variable of `.env`. */
const ENV_REFERENCE = new RegExp(`^\\$\\{${ENV_NAME_PATTERN.source.slice(1, -1)}\\}$`);
export const isEnvReference = (text: string): boolean => ENV_REFERENCE.test(text);
/** Rule ids as suppressions name them. */
export const RULE_ID_PATTERN = /^[A-Z]{2}\d{3}$/;
/** Property keys: a plain identifier, so they stay readable keys in YAML and in the exported files. */
export const PROPERTY_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Names docker-compose and the Docker CLI read from the environment and from `.env` themselves
 * (COMPOSE_FILE, COMPOSE_PROFILES, DOCKER_HOST, …): a variable of that name in `.env` would
 * change how compose runs the stack instead of reaching a container. `PORTOLAN_` is the
 * exporter's own prefix (registry and tag of the nextAuth images).
 */
export const RESERVED_ENV_PREFIXES = ['COMPOSE_', 'DOCKER_', 'PORTOLAN_'] as const;

/** The reserved prefix a variable name starts with (case-insensitive, as Windows reads them), if any. */
export function reservedEnvPrefix(name: string): string | undefined {
  const upper = name.toUpperCase();
  return RESERVED_ENV_PREFIXES.find((p) => upper.startsWith(p));
}

/**
 * Variables that hold secrets by their name (beyond those the catalog marks). The one name test
 * for "is this a secret": NA026 warns on weak literal values of such names, the inspector masks
 * them, and the export dialog masks their `.env` lines.
 */
export const SECRET_NAME_PATTERN = /(PASSWORD|PASSWD|SECRET|API_?KEY|TOKEN|PRIVATE_KEY|TLS_KEY)$/;
export const isSecretName = (name: string): boolean => SECRET_NAME_PATTERN.test(name.toUpperCase());

// ---------------------------------------------------------------------------------------------
// Text

/** C0 and C1 control characters, DEL, and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** The same set without tab and line feed, for multi-line text such as the project description. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS_MULTILINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
export const hasControlCharacters = (text: string): boolean => CONTROL_CHARACTERS.test(text);

// ---------------------------------------------------------------------------------------------
// Limits

export const MAX_PROJECT_BYTES = 5 * 1024 * 1024;
export const MAX_REPLICAS = 64;
export const SECRET_LENGTH = { min: 16, max: 256, default: 32 } as const;
export const MAX_NAME_LENGTH = 80;
export const MAX_TEXT_LENGTH = 4000;
export const PORT_RANGE = { min: 1, max: 65535 } as const;

// ---------------------------------------------------------------------------------------------
// Addresses

/** Path prefixes: unreserved characters and percent escapes only, so no proxy config can be broken by one. */
export const PATH_PATTERN = /^\/(?:[A-Za-z0-9._~/-]|%[0-9A-Fa-f]{2})*$/;
/** `.` and `..` segments, which proxies normalise away (so a route would never match as drawn). */
export const DOT_SEGMENT = /(^|\/)\.\.?(\/|$)/;
export const isRoutePath = (path: string): boolean => PATH_PATTERN.test(path) && !DOT_SEGMENT.test(path);
/** Docker image tags. */
export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** A registry host (with optional port) and repository path, as Docker accepts it before an image name. */
export const REGISTRY_PATTERN =
  /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?)(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;

/**
 * RFC 1123 host name: dot-separated labels of 1–63 letters, digits and inner hyphens, at most
 * 253 characters. A character loop, not a regular expression: it runs for every route on every edit.
 */
export function isHostname(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  let label = 0;
  for (let i = 0; i < host.length; i++) {
    const c = host.charCodeAt(i);
    if (c === 0x2e /* . */) {
      if (label === 0 || host.charCodeAt(i - 1) === 0x2d) return false;
      label = 0;
      continue;
    }
    const alnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (!alnum && (c !== 0x2d /* - */ || label === 0)) return false;
    if (++label > 63) return false;
  }
  return label > 0 && host.charCodeAt(host.length - 1) !== 0x2d;
}

/**
 * A Redis Sentinel master name. It is written into `sentinel.conf` (`sentinel monitor NAME …`)
 * and into the Sentinel URI nextauth reads, so it is one word of plain characters.
 */
export const SENTINEL_MASTER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const DEFAULT_SENTINEL_MASTER = 'nextauth';

/**
 * Folders a certificate directory must not be, inside the proxy container: the compose file
 * mounts `./certs` there read-only, which would hide the image's own files.
 */
const SYSTEM_DIRS = new Set([
  '/',
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/home',
  '/lib',
  '/lib64',
  '/opt',
  '/proc',
  '/root',
  '/run',
  '/sbin',
  '/srv',
  '/sys',
  '/tmp',
  '/usr',
  '/usr/bin',
  '/usr/lib',
  '/usr/local',
  '/usr/local/bin',
  '/usr/sbin',
  '/usr/share',
  '/var',
  '/var/lib',
  '/var/run',
  '/etc/nginx',
  '/usr/local/etc/haproxy',
  '/etc/caddy',
  '/etc/traefik',
]);

export type CertDirProblem = 'not-absolute' | 'unsafe-characters' | 'dot-segment' | 'system-folder';

/**
 * Why a certificate folder inside the proxy container is refused, or undefined when it is fine.
 * It is written into the compose file and every proxy configuration, so only an absolute path
 * of plain characters passes, and never a system folder the mount would hide.
 */
export function certDirProblem(dir: string): CertDirProblem | undefined {
  if (!dir.startsWith('/')) return 'not-absolute';
  if (!/^\/[A-Za-z0-9._/-]*$/.test(dir)) return 'unsafe-characters';
  if (DOT_SEGMENT.test(dir)) return 'dot-segment';
  const normal = dir.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  if (SYSTEM_DIRS.has(normal)) return 'system-folder';
  return undefined;
}

export const CERT_DIR_PROBLEMS: Readonly<Record<CertDirProblem, string>> = {
  'not-absolute': 'must be an absolute path inside the proxy container (starting with /)',
  'unsafe-characters': 'may use only letters, digits, ".", "_", "-" and "/"',
  'dot-segment': 'must not contain "." or ".." segments',
  'system-folder': "is a system folder of the container; mounting the certificates there would hide the image's files",
};

// ---------------------------------------------------------------------------------------------
// Routes and entry points

/** Ports a URL of each scheme uses when it names none. */
export const DEFAULT_PORTS: Readonly<Record<string, number>> = { https: 443, wss: 443, http: 80, ws: 80 };
export const DEFAULT_PORT: Readonly<Record<RouteScheme, number>> = { https: 443, wss: 443, http: 80, ws: 80 };

export const publicPortOf = (route: Pick<Route, 'scheme' | 'publicPort'>): number =>
  route.publicPort ?? DEFAULT_PORT[route.scheme];

/**
 * The public URL a route serves, e.g. `wss://auth.example.com/`: lower-case host, the port only
 * when it is not the scheme's default, the path always written. The one way every surface (canvas,
 * inspector, problems, DEPLOYMENT.md, NA003) prints a route.
 */
export function routeUrl(route: Pick<Route, 'scheme' | 'host' | 'publicPort' | 'path'>): string {
  const port =
    route.publicPort !== undefined && route.publicPort !== DEFAULT_PORT[route.scheme] ? `:${route.publicPort}` : '';
  return `${route.scheme}://${route.host.toLowerCase()}${port}${route.path}`;
}

/** A route carries TLS to the client: a secure scheme with TLS terminated at the entry point or passed through. */
export const isSecureScheme = (scheme: RouteScheme): boolean => scheme === 'https' || scheme === 'wss';

/** Kinds that serve public URLs (routes go `via` them and they publish host ports). */
export const ENTRY_POINT_KINDS: ReadonlySet<ComponentKind> = new Set<ComponentKind>([
  'reverse-proxy',
  'nextauth-portmap',
]);
export const isEntryPoint = (c: { readonly kind: ComponentKind } | undefined): boolean =>
  c !== undefined && ENTRY_POINT_KINDS.has(c.kind);
