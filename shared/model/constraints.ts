import type { ComponentKind, PortProtocol, Route, RouteScheme } from './types';

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
/** A compose profile name (`--profile`), as the compose specification allows it (compose-go: `[a-zA-Z0-9][a-zA-Z0-9_.-]+`). */
export const PROFILE_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$/;
/**
 * A compose network's key, as the compose specification's schema allows it (`^[a-zA-Z0-9._-]+$`),
 * at most 255 characters: it is a YAML key of the exported file and part of Docker's network name.
 */
export const NETWORK_NAME_PATTERN = /^[a-zA-Z0-9._-]{1,255}$/;
/** Compose's implicit network: a service that names no network is on it. */
export const DEFAULT_NETWORK = 'default';
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

// ---------------------------------------------------------------------------------------------
// Custom containers

/**
 * A Docker image reference as the distribution reference grammar defines it (what `docker pull`
 * and compose accept): an optional registry host with port (`registry.example.com:5000/`, or an
 * IPv6 address in brackets), lower-case path components joined by `.`, `_`, `__` or dashes, an
 * optional tag and an optional digest (`@sha256:` and at least 32 hex digits). No `$`, space or
 * control character can pass, so an image never interpolates or breaks a line in compose.
 */
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?`;
const IMAGE_NAME = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const IMAGE_TAG = /^[\w][\w.-]{0,127}$/;
const IMAGE_DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
/** The grammar's bound on the name (registry and path); a tag adds at most 129, a digest its hash. */
export const MAX_IMAGE_NAME_LENGTH = 255;
const MAX_IMAGE_LENGTH = 1024;

export type ImageProblem = 'empty' | 'too-long' | 'bad-name' | 'bad-tag' | 'bad-digest';

/** Why an image reference is refused, or undefined when Docker accepts it. Lengths first: no pattern runs on a huge text. */
export function imageReferenceProblem(ref: string): ImageProblem | undefined {
  if (ref.length === 0) return 'empty';
  if (ref.length > MAX_IMAGE_LENGTH) return 'too-long';
  let rest = ref;
  const at = rest.indexOf('@');
  if (at !== -1) {
    if (!IMAGE_DIGEST.test(rest.slice(at + 1))) return 'bad-digest';
    rest = rest.slice(0, at);
  }
  // A tag follows the last `:` after the last `/` (a `:` before it is the registry's port).
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    if (!IMAGE_TAG.test(rest.slice(colon + 1))) return 'bad-tag';
    rest = rest.slice(0, colon);
  }
  if (rest.length > MAX_IMAGE_NAME_LENGTH) return 'too-long';
  return IMAGE_NAME.test(rest) ? undefined : 'bad-name';
}
export const isImageReference = (ref: string): boolean => imageReferenceProblem(ref) === undefined;

export const IMAGE_PROBLEMS: Readonly<Record<ImageProblem, string>> = {
  empty: 'is empty; a custom container needs an image, e.g. "nginx:1.27" or "registry.example.com/team/app@sha256:…"',
  'too-long': `is longer than a Docker image reference may be (a name of at most ${MAX_IMAGE_NAME_LENGTH} characters)`,
  'bad-name':
    'is not a Docker image name: lower-case letters, digits and single ".", "_", "__" or "-" between them, path parts joined by "/", an optional registry host first',
  'bad-tag': 'has a tag Docker refuses (letters, digits, "_", "." and "-", at most 128, not starting with "." or "-")',
  'bad-digest': 'has a digest Docker refuses (ALGORITHM:HEX, e.g. sha256: and at least 32 hex digits)',
};

/** The protocols a custom container's port may speak, in the order the inspector offers them. */
export const CONTAINER_PORT_PROTOCOLS: readonly PortProtocol[] = [
  'http',
  'https',
  'ws',
  'wss',
  'tcp',
  'udp',
  'mysql',
  'postgres',
  'redis',
];

/** Names of a container's own ports: they sit in links, routes and publish entries like catalog port names. */
export const PORT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
export const MAX_CONTAINER_PORTS = 64;

/** A port number's transport: two ports may share a number only on different transports (53/tcp and 53/udp). */
export const transportOf = (protocol: string): 'udp' | 'tcp' => (protocol === 'udp' ? 'udp' : 'tcp');

export interface ContainerPortProblem {
  /** Index of the port in the list the problem is about. */
  readonly index: number;
  readonly field: 'name' | 'number';
  readonly message: string;
}

/**
 * What is wrong with a custom container's port list: names must match PORT_NAME_PATTERN and be
 * unique, numbers must be whole numbers in PORT_RANGE and unique per transport. The loader, the
 * inspector and rule NA047 all report these.
 */
export function containerPortProblems(
  ports: readonly { readonly name: string; readonly number: number; readonly protocol: string }[],
): ContainerPortProblem[] {
  const out: ContainerPortProblem[] = [];
  if (ports.length > MAX_CONTAINER_PORTS) {
    out.push({
      index: MAX_CONTAINER_PORTS,
      field: 'name',
      message: `a container has at most ${MAX_CONTAINER_PORTS} ports`,
    });
  }
  const names = new Set<string>();
  const numbers = new Set<string>();
  ports.forEach((p, index) => {
    if (!PORT_NAME_PATTERN.test(p.name)) {
      out.push({
        index,
        field: 'name',
        message: 'a port name is 1–32 letters, digits, "_", "." or "-", starting with a letter or digit',
      });
    } else if (names.has(p.name)) {
      out.push({ index, field: 'name', message: `the port name "${p.name}" is used twice` });
    }
    names.add(p.name);
    if (!Number.isInteger(p.number) || p.number < PORT_RANGE.min || p.number > PORT_RANGE.max) {
      out.push({
        index,
        field: 'number',
        message: `a port number is a whole number from ${PORT_RANGE.min} to ${PORT_RANGE.max}`,
      });
      return;
    }
    const key = `${p.number}/${transportOf(p.protocol)}`;
    if (numbers.has(key)) out.push({ index, field: 'number', message: `port ${key} is listed twice` });
    numbers.add(key);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Pass-through keys (compose keys Portolan keeps without modelling them)

/**
 * Service keys the model holds itself (the exporter writes them from the drawing), so they are
 * never kept as pass-through: an import turns them into the component's image, environment,
 * links, zones and replicas (or resolves them, as `extends` and `env_file`). `ports` may be kept:
 * the forms a publish cannot hold (a host address, a port the engine picks, a range) are kept as
 * written and added to the ports the drawing publishes; so may `profiles`, which the model does not hold.
 */
export const MODELLED_SERVICE_KEYS: ReadonlySet<string> = new Set([
  'image',
  'environment',
  'env_file',
  'networks',
  'depends_on',
  'extends',
  'scale',
]);

/** Top-level compose keys that may be kept: the shared definitions and extension fields. */
export const PASS_THROUGH_TOP_KEYS: ReadonlySet<string> = new Set(['volumes', 'secrets', 'configs']);

/** Compose key names: the specification's service and top-level keys are lower-case words with `_`; `x-…` is free text. */
const COMPOSE_KEY = /^[a-z][a-z0-9_]*$/;
const isExtensionKey = (key: string): boolean => key.startsWith('x-') && !CONTROL_CHARACTERS.test(key);

/** Why a service key may not be kept as pass-through, or undefined when it may. */
export function passThroughServiceKeyProblem(key: string): string | undefined {
  if (isExtensionKey(key)) return undefined;
  if (!COMPOSE_KEY.test(key)) return 'is not a compose service key (lower-case letters, digits and "_", or "x-…")';
  if (MODELLED_SERVICE_KEYS.has(key))
    return 'is held by the model itself (the drawing writes it), so it cannot be kept as is';
  return undefined;
}

/** Why a top-level key may not be kept as pass-through, or undefined when it may. */
export function passThroughTopKeyProblem(key: string): string | undefined {
  if (isExtensionKey(key) || PASS_THROUGH_TOP_KEYS.has(key)) return undefined;
  return `is not kept at the top level (only ${[...PASS_THROUGH_TOP_KEYS].join(', ')} and "x-…" fields are)`;
}

/**
 * Why a key may not be a kept setting of a network (a top-level network's `driver`, `ipam`, …,
 * or a service's `aliases`, `ipv4_address` on one network), or undefined when it may.
 */
export function networkSettingKeyProblem(key: string): string | undefined {
  if (isExtensionKey(key) || COMPOSE_KEY.test(key)) return undefined;
  return 'is not a compose network key (lower-case letters, digits and "_", or "x-…")';
}

/** Why a name cannot be a compose network's, or undefined when it can. */
export function networkNameProblem(name: string): string | undefined {
  if (NETWORK_NAME_PATTERN.test(name)) return undefined;
  return 'is not a compose network name (1–255 letters, digits, ".", "_" and "-")';
}

/** How deep a kept value may nest (a key's value is level 1); the project file's MAX_DEPTH bounds it too. */
export const MAX_PASS_DEPTH = 32;

/**
 * Why a kept service value may not be written back as it is, or undefined when it may: the
 * replicas the drawing holds are the component's (`deploy.replicas`), so a kept one would make
 * the compose file run another number than the drawing shows.
 */
export function passThroughValueProblem(key: string, value: unknown): string | undefined {
  if (key === 'deploy' && value !== null && typeof value === 'object' && Object.hasOwn(value, 'replicas')) {
    return "holds deploy.replicas, which is the component's replicas (set them on the component)";
  }
  return undefined;
}
