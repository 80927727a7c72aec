/**
 * The placeholders redaction writes, and the maps that keep them consistent: the same original
 * always gets the same placeholder (host names compared without case, addresses by value), two
 * originals never share one, and none is ever a string the project already holds. Numbering
 * follows the order originals are first met, so the walk in ./redact.ts decides it.
 *
 * A placeholder keeps what the checker reads from the original, so the redacted project draws
 * the same findings: a private IPv4 address stays private (10.0.0.N rather than the TEST-NET
 * 192.0.2.N a public one gets, NA043), a local-only name keeps its suffix (`.internal`,
 * `.local`, …; a single label stays one), and a host under the docs' placeholder domain keeps
 * that domain (NA040). Names that identify nobody stay as they are: the compose service names
 * (component ids, which the file holds anyway), `localhost`, loopback and unspecified addresses,
 * and the public hosts the catalog documents (license.nextauth.com, fcm.googleapis.com, …).
 */
import { KINDS } from '../catalog/index';
import { DB_ACCOUNT } from '../connections/derive';
import { ENV_NAME_PATTERN, isEnvReference, isHostname } from '../model/constraints';
import { isSample } from '../rules/checks/secrets';
import { placeholderHost } from '../rules/checks/na040-placeholder-domain';
import { unreachableFromInternet } from '../rules/checks/na043-private-public-urls';

export const REGISTRY_PLACEHOLDER = 'registry.example';
export const REASON_PLACEHOLDER = 'reason withheld';

/** Suffixes the checker reads (NA043): a placeholder keeps them. */
const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.home.arpa'] as const;

/** Public hosts the catalog documents (the egress addresses): nextAuth's facts, not the customer's. */
const CATALOG_HOSTS: ReadonlySet<string> = new Set(
  KINDS.flatMap((k) => k.egress.flatMap((e) => (e.address ? [e.address.replace(/:\d+$/, '').toLowerCase()] : []))),
);

/** The documentation ranges for public IPv4 placeholders (RFC 5737), then the benchmarking range (RFC 2544). */
const TEST_NETS = ['192.0.2', '198.51.100', '203.0.113'] as const;
const BENCHMARK_SIZE = 2 ** 17 - 2;

/** The n-th public IPv4 placeholder (n ≥ 1), or undefined once every documentation address is taken. */
export function publicIpv4Placeholder(n: number): string | undefined {
  const net = Math.floor((n - 1) / 254);
  if (net < TEST_NETS.length) return `${TEST_NETS[net]!}.${((n - 1) % 254) + 1}`;
  const k = n - TEST_NETS.length * 254;
  if (k > BENCHMARK_SIZE) return undefined;
  return `198.${18 + (k >> 16)}.${(k >> 8) & 255}.${k & 255}`;
}

/** The n-th private IPv4 placeholder (n ≥ 1): 10.0.0.1, 10.0.0.2, … (16 million of them). */
export const privateIpv4Placeholder = (n: number): string => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

/** The n-th IPv6 placeholder (n ≥ 1), in the documentation prefix 2001:db8::/32 (RFC 3849). */
export const ipv6Placeholder = (n: number): string =>
  n <= 0xffff ? `2001:db8::${n.toString(16)}` : `2001:db8::${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;

/** The four octets of a dotted-quad IPv4 address, or undefined. */
export function parseIpv4(text: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}

/** The eight 16-bit groups of an IPv6 address (`::` and a dotted IPv4 tail allowed), or undefined. */
export function parseIpv6(text: string): number[] | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || text.split('::').length > 2) return undefined;
  const groups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i]!;
      if (i === pieces.length - 1 && p.includes('.')) {
        const v4 = parseIpv4(p);
        if (!v4) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(p)) out.push(parseInt(p, 16));
      else return undefined;
    }
    return out;
  };
  const [head, tail] = text.split('::') as [string, string | undefined];
  const a = groups(head);
  const b = tail === undefined ? [] : groups(tail);
  if (!a || !b) return undefined;
  if (tail === undefined) return a.length === 8 ? a : undefined;
  const missing = 8 - a.length - b.length;
  return missing >= 1 ? [...a, ...new Array<number>(missing).fill(0), ...b] : undefined;
}

/** A whole value that names a host: a name with a dot and a top-level label starting with a letter. */
export function isHostLike(text: string): boolean {
  if (!isHostname(text)) return false;
  const dot = text.lastIndexOf('.');
  return dot > 0 && /^[A-Za-z]/.test(text.slice(dot + 1));
}

// Host names and addresses inside free text. A name starts and ends where a word does (labels may
// hold any letter, so an international name is taken whole rather than cut at its first
// non-ASCII letter); a text that merely touches one (`x_auth.example.com-`) loses the name
// rather than keeps it. No match starts inside a dotted or hyphenated run (`a.b.c…`, `x-x-x…`):
// that run's own start covers it, and the scan stays linear. An address is not taken from the
// middle of a longer dotted number (a version such as 1.2.3.4.5), and IPv6 candidates (times
// such as 12:30:45 look alike) are validated by parseIpv6.
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?';
const MENTION = new RegExp(
  [
    '(?<![\\p{L}\\p{N}]|\\p{N}\\.)((?:\\d{1,3}\\.){3}\\d{1,3})(?![\\p{L}\\p{N}]|\\.\\p{N})',
    `(?<![\\p{L}\\p{N}]|[\\p{L}\\p{N}][.-])((?:${LABEL}\\.)+\\p{L}(?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}]))(?![\\p{L}\\p{N}])`,
    '(?<![\\p{L}\\p{N}:.])((?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\\d{1,3}\\.){3}\\d{1,3}|[0-9A-Fa-f]{1,4})?)(?![\\p{L}\\p{N}:]|\\.\\p{N})',
  ].join('|'),
  'gu',
);

const URL_VALUE =
  /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:([^/?#\s]*)@)?(\[[^\]/?#@\s]*\]|[^:/?#@\s[\]]*)(?::(\d{1,5}))?([/?#]\S*)?$/;
/** A URL whose host is an IPv6 address written without brackets (no port can follow it). */
const BARE_V6_URL = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)([/?#]\S*)?$/;
/** `${NAME}` references inside a value, kept as they are (the name pattern has one home). */
const REFERENCE = new RegExp(`\\$\\{${ENV_NAME_PATTERN.source.slice(1, -1)}\\}`, 'g');
/** Schemes whose path is a database name: redacted like the database variable it must equal (NA034). */
const DATABASE_SCHEMES = new Set(['mysql', 'postgres', 'postgresql']);

export interface PlaceholderOptions {
  /** Host names kept as they are (lower case): the component ids, which are compose service names. */
  readonly keepHosts: ReadonlySet<string>;
  /** Strings no placeholder may equal: every original a first pass replaced (hosts in lower case). */
  readonly avoid?: ReadonlySet<string>;
}

/** One redaction run: the maps, the counters, and the originals replaced, in order. */
export class Placeholders {
  private readonly hosts = new Map<string, string>();
  private readonly addresses = new Map<string, string>();
  private readonly values = new Map<string, string>();
  private readonly counts = { host: 0, public4: 0, private4: 0, v6: 0, value: 0 };
  private readonly seen = new Set<string>();
  /** Every original replaced, in order of first appearance (each spelling once). */
  readonly replaced: string[] = [];
  /** Host keys (lower case) and address keys replaced: what a second run must not hand out. */
  readonly replacedKeys = new Set<string>();

  private readonly options: PlaceholderOptions;

  constructor(options: PlaceholderOptions) {
    this.options = options;
  }

  private record(original: string, key = original): void {
    this.replacedKeys.add(key);
    if (this.seen.has(original)) return;
    this.seen.add(original);
    this.replaced.push(original);
  }

  /** The next placeholder `make` gives whose key (`keyOf`) is no original and no kept name. */
  private fresh(make: () => string, keyOf: (placeholder: string) => string = (p) => p): string {
    const taken = (p: string) => this.options.avoid?.has(keyOf(p)) === true || this.options.keepHosts.has(keyOf(p));
    let candidate = make();
    while (taken(candidate)) candidate = make();
    return candidate;
  }

  /** A text withheld as a whole (a suppression reason): recorded, its placeholder is the caller's. */
  withheld(text: string): void {
    this.record(text);
  }

  /** The registry setting: one fixed placeholder, its host mapped to it wherever else it appears. */
  registry(registry: string): string {
    if (registry === '') return registry;
    this.record(registry);
    const host = registry.split('/')[0]!.replace(/:\d*$/, '');
    const key = host.toLowerCase();
    if (isHostLike(host) && !this.kept(key) && !this.hosts.has(key)) {
      this.hosts.set(key, REGISTRY_PLACEHOLDER);
      this.record(host, key);
    }
    return REGISTRY_PLACEHOLDER;
  }

  private kept(key: string): boolean {
    return key === 'localhost' || this.options.keepHosts.has(key) || CATALOG_HOSTS.has(key);
  }

  /** A host name (not an address): `host-N` with the suffix the checker reads. */
  hostName(host: string): string {
    const dotted = host.endsWith('.') && host.length > 1;
    const name = dotted ? host.slice(0, -1) : host;
    const key = name.toLowerCase();
    if (this.kept(key)) return host;
    let placeholder = this.hosts.get(key);
    if (placeholder === undefined) {
      const suffix = hostSuffix(key);
      placeholder = this.fresh(() => `host-${++this.counts.host}${suffix}`);
      this.hosts.set(key, placeholder);
    }
    this.record(host, key);
    return dotted ? `${placeholder}.` : placeholder;
  }

  /** An IPv4 address (already validated): TEST-NET for public ones, 10.0.0.N for private ones. */
  ipv4(text: string, octets: readonly number[]): string {
    if (octets[0] === 127 || octets.every((o) => o === 0)) return text;
    const key = octets.join('.');
    let placeholder = this.addresses.get(key);
    if (placeholder === undefined) {
      if (unreachableFromInternet(key) !== undefined)
        placeholder = this.fresh(() => privateIpv4Placeholder(++this.counts.private4));
      else {
        placeholder = this.fresh(
          () => publicIpv4Placeholder(++this.counts.public4) ?? `host-${++this.counts.host}.example`,
        );
      }
      this.addresses.set(key, placeholder);
    }
    this.record(text, key);
    return placeholder;
  }

  /** An IPv6 address (already validated): 2001:db8::N; loopback and unspecified stay. */
  ipv6(text: string, groups: readonly number[]): string {
    if (groups.slice(0, 7).every((g) => g === 0) && groups[7]! <= 1) return text;
    const key = ipv6Key(groups);
    let placeholder = this.addresses.get(key);
    if (placeholder === undefined) {
      placeholder = this.fresh(() => ipv6Placeholder(++this.counts.v6), ipv6Key);
      this.addresses.set(key, placeholder);
    }
    this.record(text, key);
    return placeholder;
  }

  /** A whole host field (route host, `host` property, URL host): a name, an address, or else a value. */
  host(text: string): string {
    if (text.trim() === '' || isEnvReference(text) || this.kept(text.toLowerCase())) return text;
    const v4 = parseIpv4(text);
    if (v4) return this.ipv4(text, v4);
    const bracketed = /^\[(.*)\]$/.exec(text);
    const v6 = parseIpv6(bracketed ? bracketed[1]! : text);
    if (v6) return bracketed ? `[${this.ipv6(text, v6)}]` : this.ipv6(text, v6);
    if (isHostname(text.endsWith('.') ? text.slice(0, -1) : text)) return this.hostName(text);
    return this.token(text);
  }

  /** `value-N` for a string with no structure worth keeping. */
  private token(text: string): string {
    let placeholder = this.values.get(text);
    if (placeholder === undefined) {
      placeholder = this.fresh(() => `value-${++this.counts.value}`);
      this.values.set(text, placeholder);
    }
    this.record(text);
    return placeholder;
  }

  /**
   * A literal environment value. Kept: empty text, `${VAR}` references, `:memory:` and the sample
   * values of the docs (they identify nobody, and NA018/NA025/NA026 read them). A URL keeps its
   * shape with its host and credentials redacted, so it still equals the route it names (NA003,
   * NA036); a host or address becomes its placeholder; anything else `value-N`, around any
   * `${VAR}` references it holds (NA032 reads those).
   */
  value(raw: string): string {
    const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(raw)! as unknown as [string, string, string, string];
    if (core === '' || keepsValue(core)) return raw;
    const out = this.url(core) ?? this.hostAndPort(core) ?? this.around(core);
    if (out !== core) this.record(core);
    return `${lead}${out}${trail}`;
  }

  /** `host`, `host:port`, an address, or `[v6]:port` as a whole value; undefined for anything else. */
  private hostAndPort(core: string): string | undefined {
    const m = /^(\[[^\]]*\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(core) ?? /^([0-9A-Fa-f:.]+)()$/.exec(core);
    if (!m) return undefined;
    const host = m[1]!;
    const port = m[2] ? `:${m[2]}` : '';
    const bare = host.startsWith('[') ? host.slice(1, -1) : host;
    if (parseIpv4(bare) || parseIpv6(bare) || isHostLike(bare)) return `${this.host(host)}${port}`;
    return undefined;
  }

  /** `value-N` for each stretch of text between `${VAR}` references. */
  private around(core: string): string {
    let out = '';
    let at = 0;
    for (const m of core.matchAll(REFERENCE)) {
      out += this.stretch(core.slice(at, m.index)) + m[0];
      at = m.index + m[0].length;
    }
    return out + this.stretch(core.slice(at));
  }

  /** A stretch of text between references: its words become one token, the spaces around them stay. */
  private stretch(text: string): string {
    const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)! as unknown as [string, string, string, string];
    return core === '' ? text : `${lead}${this.token(core)}${trail}`;
  }

  /** A URL value with host, user, password (unless a `${VAR}`) and database name redacted; undefined when not a URL. */
  private url(core: string): string | undefined {
    const m = URL_VALUE.exec(core);
    if (!m) {
      // `https://2a00:1450::1/`: routeUrl writes a route whose host is an IPv6 address without
      // brackets, so a value naming that route must keep its shape too.
      const v6 = BARE_V6_URL.exec(core);
      if (!v6 || !parseIpv6(v6[2]!)) return undefined;
      return `${v6[1]!}://${this.host(v6[2]!)}${v6[3] === undefined ? '' : this.text(v6[3])}`;
    }
    const [, scheme, userinfo, host, port, rest] = m as unknown as [string, string, string?, string?, string?, string?];
    let out = `${scheme}://`;
    if (userinfo !== undefined) {
      const colon = userinfo.indexOf(':');
      const user = colon === -1 ? userinfo : userinfo.slice(0, colon);
      out += this.uriPart(user);
      if (colon !== -1) out += `:${this.uriPart(userinfo.slice(colon + 1))}`;
      out += '@';
    }
    out += this.host(host ?? '');
    if (port !== undefined) out += `:${port}`;
    if (rest !== undefined) {
      if (DATABASE_SCHEMES.has(scheme.toLowerCase()) && rest.startsWith('/')) {
        const end = rest.search(/[?#]/);
        const path = end === -1 ? rest.slice(1) : rest.slice(1, end);
        out += `/${this.uriPart(path)}${this.text(end === -1 ? '' : rest.slice(end))}`;
      } else out += this.text(rest);
    }
    return out;
  }

  /** A percent-encoded part of a URI (user, password, database name), redacted as the value it decodes to. */
  private uriPart(raw: string): string {
    if (raw === '') return raw;
    const decoded = decodeOr(raw);
    if (keepsValue(decoded) || keepsValue(raw)) return raw;
    const placeholder = this.token(decoded);
    if (decoded !== raw) this.record(raw);
    return encodeURIComponent(placeholder);
  }

  /** Free text: every host name and address mentioned in it replaced, the rest as it is. */
  text(text: string): string {
    if (!/[.:]/.test(text)) return text;
    return text.replace(MENTION, (match, v4: string | undefined, name: string | undefined, v6: string | undefined) => {
      if (v4 !== undefined) {
        const octets = parseIpv4(v4);
        return octets ? this.ipv4(v4, octets) : match;
      }
      if (name !== undefined) return this.hostName(name);
      const groups = v6 === undefined ? undefined : parseIpv6(v6);
      return groups ? this.ipv6(v6!, groups) : match;
    });
  }
}

/** How an IPv6 address is compared: its eight groups in hex, whatever the spelling. */
function ipv6Key(address: string | readonly number[]): string {
  const groups = typeof address === 'string' ? parseIpv6(address) : address;
  return groups === undefined ? address.toString() : groups.map((g) => g.toString(16)).join(':');
}

/** The accounts database images create when told nothing (POSTGRES_USER defaults to `postgres`). */
const IMAGE_DEFAULTS: ReadonlySet<string> = new Set(
  Object.values(DB_ACCOUNT).flatMap((a) => (a.defaultUser === undefined ? [] : [a.defaultUser])),
);

/**
 * Values that say nothing about the customer and that rules read as they are: `${VAR}`
 * references, nextauth's in-memory database, the docs' sample values (NA025, NA026) and the
 * images' default account names (NA034 compares a URI's user with them).
 */
function keepsValue(core: string): boolean {
  return isEnvReference(core) || core === ':memory:' || isSample(core) || IMAGE_DEFAULTS.has(core);
}

function decodeOr(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The part of a host name a placeholder keeps: nothing for one label, a local-only or placeholder domain, else `.example`. */
function hostSuffix(key: string): string {
  if (!key.includes('.')) return '';
  for (const s of LOCAL_SUFFIXES) if (key.endsWith(s)) return s;
  const placeholder = placeholderHost(key);
  if (placeholder !== undefined && key.endsWith(placeholder.domain)) return `.${placeholder.domain}`;
  return '.example';
}
