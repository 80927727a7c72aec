import { findPort, getKind, isComponentKind } from '../../catalog/index';
import { isEntryPoint } from '../../model/constraints';
import type { ComponentKind, Flavour } from '../../model/types';
import type { ImportNote, SourcePos } from '../types';
import type { EnvEntry } from './environments';
import { nameWords } from './secret-names';
import { portOf, urisIn, type FoundUri } from './uri';

/**
 * Which services of a compose file connect to which (issue 14: "links from connection URIs in
 * the environment, from depends_on and from shared networks where they imply a port"). A link
 * needs a port number, so every piece of evidence must name one or let one be inferred:
 *
 * 1. `uri`: a connection URI in an environment value whose host is a service
 *    (`NEXTAUTH_DB_URI=mysql://app:…@db:3306/app`; no port → the scheme's default);
 * 2. `host-port`: a host variable naming a service, with its port beside it
 *    (`DB_HOST=db` + `DB_PORT=5432`, `REDIS_ADDR=redis:6379`, `PGHOST`/`PGPORT`);
 * 3. `depends_on` (list or long form): the author says A needs B, but not on which port — the
 *    port the catalog says A's kind connects to on B's kind, or B's only port;
 * 4. `network`: A and B share a network, and A's kind connects to B's kind (catalog egress:
 *    nextauth → database), with exactly one such B on A's networks.
 *
 * Evidence is ranked in that order. The same link found twice keeps the strongest; weak evidence
 * (3, 4) adds nothing between two services already linked. Entry points (reverse proxies,
 * portmap) are left out of 3 and 4: what they reach is their routes, which the proxy import
 * reads from their configuration. Every decision is an `interpreted` note with its position.
 * Values of URIs are never quoted in notes: only scheme, host and port (a URI may hold a password).
 */

export type LinkEvidence = 'uri' | 'host-port' | 'depends_on' | 'network';

export interface DependsOn {
  readonly service: string;
  /** `service_started`, `service_healthy`, `service_completed_successfully` (long form). */
  readonly condition?: string;
  readonly at: SourcePos;
}

export interface NetworkRef {
  readonly name: string;
  readonly at: SourcePos;
}

export interface LinkService {
  readonly name: string;
  /** Other names it answers to on the network: container_name, hostname, network aliases. */
  readonly aliases?: readonly string[];
  readonly kind: ComponentKind;
  readonly flavour?: Flavour;
  /** Ports it listens on beyond its kind's (a custom container's `expose` and `ports` targets). */
  readonly listens?: readonly number[];
  readonly environment: readonly EnvEntry[];
  readonly dependsOn?: readonly DependsOn[];
  /** The networks it joins; undefined means compose's `default` network, which every such service shares. */
  readonly networks?: readonly NetworkRef[];
  /** Where the service is defined (for notes about its implicit default network). */
  readonly at: SourcePos;
}

export interface ImpliedLink {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  /** The URI's scheme, for `uri` evidence. */
  readonly scheme?: string;
  readonly evidence: LinkEvidence;
  readonly at: SourcePos;
}

export interface ImpliedLinks {
  readonly links: readonly ImpliedLink[];
  readonly notes: readonly ImportNote[];
}

const RANK: Readonly<Record<LinkEvidence, number>> = { uri: 4, 'host-port': 3, depends_on: 2, network: 1 };

const HOST_WORDS = new Set(['HOST', 'HOSTNAME', 'HOSTS', 'SERVER', 'SERVERS', 'ADDR', 'ADDRESS', 'ADDRESSES']);
/** libpq's glued names (PGHOST, PGPORT) as words. */
const GLUED: Readonly<Record<string, readonly string[]>> = { PGHOST: ['PG', 'HOST'], PGPORT: ['PG', 'PORT'] };
/** Ports a host variable's prefix implies when no port variable is beside it. */
const PREFIX_PORTS: Readonly<Record<string, number>> = {
  REDIS: 6379,
  VALKEY: 6379,
  SENTINEL: 26379,
  MYSQL: 3306,
  MARIADB: 3306,
  POSTGRES: 5432,
  POSTGRESQL: 5432,
  PG: 5432,
  PGSQL: 5432,
};

function wordsOf(name: string): string[] {
  const upper = name.toUpperCase();
  return Object.hasOwn(GLUED, upper) ? [...GLUED[upper]!] : nameWords(name);
}

/** The port numbers a kind (with flavour) listens on, from the catalog. */
function kindPorts(kind: ComponentKind, flavour: Flavour | undefined): number[] {
  if (!isComponentKind(kind)) return [];
  return getKind(kind).ports.map((p) => findPort(kind, p.name, flavour)?.number ?? p.number);
}

/** The ports the catalog says `from`'s kind connects to on `to`'s kind (its egress), fixed addresses aside. */
function egressPorts(from: LinkService, to: LinkService): number[] {
  if (!isComponentKind(from.kind) || !isComponentKind(to.kind)) return [];
  return getKind(from.kind)
    .egress.filter((e) => e.to === to.kind && e.address === undefined)
    .map((e) => findPort(to.kind, e.port, to.flavour)?.number)
    .filter((n): n is number => n !== undefined);
}

const uniq = (ns: readonly number[]): number[] => [...new Set(ns)];

export function impliedLinks(services: readonly LinkService[]): ImpliedLinks {
  const byHost = new Map<string, LinkService>();
  for (const s of services) {
    for (const alias of s.aliases ?? []) if (!byHost.has(alias.toLowerCase())) byHost.set(alias.toLowerCase(), s);
  }
  // Service names win over another service's alias.
  for (const s of services) byHost.set(s.name.toLowerCase(), s);
  const listening = (s: LinkService): number[] => uniq([...kindPorts(s.kind, s.flavour), ...(s.listens ?? [])]);

  const byName = new Map(services.map((s) => [s.name, s]));
  const found = new Map<string, ImpliedLink>();
  const order: string[] = [];
  /** Targets each service is linked to so far, for the weak evidence's "already linked" test. */
  const targetsOf = new Map<string, Set<string>>();
  const notes: ImportNote[] = [];
  const note = (text: string, at: SourcePos) => notes.push({ kind: 'interpreted', text, at });
  const add = (link: ImpliedLink) => {
    const key = `${link.from}\u0000${link.to}\u0000${link.port}`;
    const had = found.get(key);
    if (had === undefined) order.push(key);
    if (had === undefined || RANK[link.evidence] > RANK[had.evidence]) found.set(key, link);
    let targets = targetsOf.get(link.from);
    if (targets === undefined) targetsOf.set(link.from, (targets = new Set()));
    targets.add(link.to);
  };
  const linked = (from: string, to: string): boolean => targetsOf.get(from)?.has(to) ?? false;

  // 1 and 2: the environment.
  for (const s of services) {
    for (const e of s.environment) for (const uri of urisIn(e.value)) fromUri(s, e, uri);
    fromHostVariables(s);
  }

  function fromUri(s: LinkService, e: EnvEntry, uri: FoundUri) {
    for (const h of uri.hosts) {
      const target = h.ipv6 ? undefined : byHost.get(h.host);
      const shown = `${uri.scheme}://${h.ipv6 ? `[${h.host}]` : h.host}${h.port !== undefined ? `:${h.port}` : ''}`;
      if (target === undefined) {
        // Public URLs (the WebSocket URL, a webhook) are ordinary; a connection to a host outside the file is worth a line.
        if (portOf(uri, h) !== undefined && !/^(?:https?|wss?)$/.test(uri.baseScheme))
          note(`${e.name} of ${s.name} connects to ${shown}, which is no service of this file: no link`, e.at);
        continue;
      }
      if (target === s) continue;
      const listens = listening(target);
      const port = portOf(uri, h) ?? (listens.length === 1 ? listens[0] : undefined);
      if (port === undefined) {
        note(`${e.name} of ${s.name} names ${target.name} in ${shown}, but no port is known for it: no link`, e.at);
        continue;
      }
      add({ from: s.name, to: target.name, port, scheme: uri.scheme, evidence: 'uri', at: e.at });
    }
  }

  function fromHostVariables(s: LinkService) {
    const byWords = new Map<string, EnvEntry>();
    for (const e of s.environment) byWords.set(wordsOf(e.name).join('_'), e);
    for (const e of s.environment) {
      const words = wordsOf(e.name);
      const last = words[words.length - 1];
      if (last === undefined || !HOST_WORDS.has(last) || e.value.includes('://')) continue;
      const prefix = words.slice(0, -1);
      const portVar = byWords.get([...prefix, 'PORT'].join('_'));
      for (const item of e.value.split(/[\s,]+/).filter((x) => x !== '')) {
        const m = /^(\[[^\]]+\]|[^:]+)(?::([0-9]{1,5}))?$/.exec(item);
        if (!m) continue;
        const target = byHost.get(m[1]!.toLowerCase());
        if (target === undefined || target === s) continue;
        const port = hostVariablePort(s, target, prefix, m[2], portVar);
        const from = portVar !== undefined && m[2] === undefined ? `${e.name}/${portVar.name}` : e.name;
        if (port === undefined) {
          note(`${from} of ${s.name} names ${target.name}, but no port is known for it: no link`, e.at);
          continue;
        }
        add({ from: s.name, to: target.name, port, evidence: 'host-port', at: e.at });
      }
    }
  }

  function hostVariablePort(
    s: LinkService,
    target: LinkService,
    prefix: readonly string[],
    inline: string | undefined,
    portVar: EnvEntry | undefined,
  ): number | undefined {
    const valid = (text: string | undefined): number | undefined => {
      const n = text !== undefined && /^[0-9]{1,5}$/.test(text.trim()) ? Number(text.trim()) : NaN;
      return n >= 1 && n <= 65535 ? n : undefined;
    };
    const explicit = valid(inline) ?? valid(portVar?.value);
    if (explicit !== undefined) return explicit;
    for (const w of prefix) if (Object.hasOwn(PREFIX_PORTS, w)) return PREFIX_PORTS[w];
    return impliedPort(s, target);
  }

  /** The one port `from` would use on `to` without being told: the catalog's egress, else `to`'s only port. */
  function impliedPort(from: LinkService, to: LinkService): number | undefined {
    const egress = uniq(egressPorts(from, to));
    if (egress.length === 1) return egress[0];
    const listens = listening(to);
    return egress.length === 0 && listens.length === 1 ? listens[0] : undefined;
  }

  // 3: depends_on.
  for (const s of services) {
    if (isEntryPoint(s)) continue;
    for (const d of s.dependsOn ?? []) {
      const target = byName.get(d.service);
      if (target === undefined || target === s || linked(s.name, target.name)) continue;
      const ports = uniq(egressPorts(s, target));
      const listens = listening(target);
      const chosen = ports.length > 0 ? ports : listens.length === 1 ? listens : [];
      const condition = d.condition !== undefined ? ` (${d.condition})` : '';
      if (chosen.length === 0) {
        note(
          `${s.name} depends on ${target.name}${condition}, which says when it starts, not on which port: no link`,
          d.at,
        );
        continue;
      }
      for (const port of chosen) add({ from: s.name, to: target.name, port, evidence: 'depends_on', at: d.at });
    }
  }

  // 4: shared networks, where the catalog says the source's kind connects to the target's kind.
  // A service that names no networks is on `default` (compose: "services join the default network").
  const joined = (s: LinkService): readonly NetworkRef[] => s.networks ?? [{ name: 'default', at: s.at }];
  const networkNames = new Map(services.map((s) => [s, new Set(joined(s).map((n) => n.name))]));
  /** Where `a` joins a network `b` is on too; undefined when they share none. */
  const sharedAt = (a: LinkService, b: LinkService): SourcePos | undefined => {
    const names = networkNames.get(b)!;
    return joined(a).find((n) => names.has(n.name))?.at;
  };
  for (const s of services) {
    if (isEntryPoint(s) || !isComponentKind(s.kind)) continue;
    const targetKinds = new Set(
      getKind(s.kind)
        .egress.filter((e) => e.address === undefined)
        .map((e) => e.to),
    );
    for (const kind of targetKinds) {
      const candidates = services.filter((t) => t !== s && t.kind === kind && sharedAt(s, t) !== undefined);
      if (candidates.length === 0) continue;
      const already = [...(targetsOf.get(s.name) ?? [])].some((t) => byName.get(t)?.kind === kind);
      if (already) continue;
      if (candidates.length > 1) {
        note(
          `${s.name} shares a network with ${candidates.length} services of kind ${kind} (${candidates.map((c) => c.name).join(', ')}): which one it uses is not known, no link`,
          s.at,
        );
        continue;
      }
      const target = candidates[0]!;
      const at = sharedAt(s, target)!;
      for (const port of uniq(egressPorts(s, target)))
        add({ from: s.name, to: target.name, port, evidence: 'network', at });
    }
  }

  const links = order.map((k) => found.get(k)!);
  for (const l of links) note(`${l.from} connects to ${l.to}:${l.port} (${describe(l)})`, l.at);
  return { links, notes };
}

function describe(l: ImpliedLink): string {
  switch (l.evidence) {
    case 'uri':
      return `a ${l.scheme ?? ''} URI in its environment`;
    case 'host-port':
      return 'a host variable in its environment';
    case 'depends_on':
      return 'depends_on, on the port its kind connects to';
    case 'network':
      return 'a shared network, on the port its kind connects to';
  }
}
