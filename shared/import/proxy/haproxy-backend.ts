/**
 * Where an HAProxy backend sends a request: the address of its first usable `server` (or
 * `server-template`, the form Portolan writes so that Docker's DNS fills one slot per replica),
 * and whether HAProxy opens TLS to it (`ssl`, also from `default-server`). A backend without
 * servers that answers itself (`http-request return`, `deny`) is an answer, not an upstream.
 * Configuration manual §5.2 (server and default-server options).
 */
import type { ImportNote, SourcePos } from '../types';
import type { HaproxyLine, HaproxySection, HaproxyWord } from './haproxy-parse';
import { lineText } from './haproxy-parse';
import { hostPort } from './nginx-upstream';
import type { ImportedUpstream } from './types';

export type BackendTarget =
  | { readonly kind: 'upstream'; readonly upstream: ImportedUpstream }
  | { readonly kind: 'answer'; readonly text: string }
  | { readonly kind: 'none'; readonly why: string; readonly at: SourcePos };

/**
 * Server options that take one argument, so that argument is not read as an option (`verify
 * none`, `resolvers docker`). Every other option (check, weights, limits) says nothing a route
 * holds and is passed over.
 */
const WITH_ARGUMENT = new Set([
  'inter',
  'fastinter',
  'downinter',
  'rise',
  'fall',
  'weight',
  'maxconn',
  'maxqueue',
  'minconn',
  'resolvers',
  'init-addr',
  'resolve-prefer',
  'resolve-opts',
  'resolve-net',
  'slowstart',
  'on-error',
  'on-marked-down',
  'on-marked-up',
  'observe',
  'error-limit',
  'cookie',
  'id',
  'pool-max-conn',
  'pool-purge-delay',
  'alpn',
  'sni',
  'ssl-min-ver',
  'ssl-max-ver',
  'check-sni',
  'verify',
  'verifyhost',
  'ca-file',
  'crt',
  'ciphers',
  'ciphersuites',
  'proto',
  'port',
  'addr',
  'source',
  'usesrc',
  'track',
  'redir',
  'namespace',
  'agent-port',
  'agent-inter',
  'agent-addr',
  'agent-send',
  'tcp-ut',
  'max-reuse',
  'pool-low-conn',
  'socks4',
  'set-proxy-v2-tlv-fmt',
  'log-proto',
  'ws',
  'crl-file',
  'curves',
  'sigalgs',
  'client-sigalgs',
  'npn',
  'proxy-v2-options',
  'shard',
  'guid',
]);

interface ServerOptions {
  tls: boolean;
  backup: boolean;
  disabled: boolean;
  /** TLS to the server is verified (`verify required`, or a CA file). */
  verified: boolean;
}

function readOptions(words: readonly HaproxyWord[], into: ServerOptions): void {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.value;
    if (w === 'ssl') into.tls = true;
    else if (w === 'no-ssl') into.tls = false;
    else if (w === 'backup') into.backup = true;
    else if (w === 'no-backup') into.backup = false;
    else if (w === 'disabled') into.disabled = true;
    else if (w === 'enabled') into.disabled = false;
    else if (w === 'verify') into.verified = words[i + 1]?.value === 'required';
    else if (w === 'ca-file') into.verified = true;
    if (WITH_ARGUMENT.has(w)) i++;
  }
}

interface Server {
  readonly upstream: ImportedUpstream;
  readonly backup: boolean;
  readonly verified: boolean;
  readonly line: HaproxyLine;
}

/**
 * Reads the servers of `section` (a backend or a listen), with `default-server` lines of
 * `defaults` and of the section applying to the servers after them. Lines it reads are added
 * to `consumed`; what they say that a route cannot hold goes to `notes`.
 */
export function backendTarget(
  section: HaproxySection,
  defaults: HaproxySection | undefined,
  consumed: Set<HaproxyLine>,
  notes: ImportNote[],
): BackendTarget {
  const base: ServerOptions = { tls: false, backup: false, disabled: false, verified: false };
  for (const line of defaults?.lines ?? []) {
    if (line.words[0]!.value === 'default-server') {
      readOptions(line.words.slice(1), base);
      consumed.add(line);
    }
  }
  let options = { ...base };
  const servers: Server[] = [];
  const name = section.args[0]?.value ?? '';
  for (const line of section.lines) {
    const keyword = line.words[0]!.value;
    if (keyword === 'default-server') {
      consumed.add(line);
      options = { ...options };
      readOptions(line.words.slice(1), options);
      continue;
    }
    if (keyword !== 'server' && keyword !== 'server-template') continue;
    consumed.add(line);
    const addressAt = keyword === 'server' ? 2 : 3;
    const address = line.words[addressAt];
    const own = { ...options };
    readOptions(line.words.slice(addressAt + 1), own);
    const note = (why: string) =>
      notes.push({
        kind: 'not-understood',
        text: `"${lineText(line)}" in backend ${name}: ${why}; left out`,
        at: line.at,
      });
    if (address === undefined) {
      note('no address');
      continue;
    }
    if (address.variables.length > 0) {
      note(`the address reads the environment variable ${address.variables[0]!.name}`);
      continue;
    }
    const target = serverAddress(address.value);
    if (typeof target === 'string') {
      note(target);
      continue;
    }
    if (own.disabled) {
      notes.push({
        kind: 'interpreted',
        text: `"${lineText(line)}": a disabled server; not a route's upstream`,
        at: line.at,
      });
      continue;
    }
    servers.push({ upstream: { ...target, tls: own.tls }, backup: own.backup, verified: own.verified, line });
  }
  const active = servers.filter((s) => !s.backup);
  const chosen = active[0] ?? servers[0];
  if (chosen === undefined) {
    const answer = section.lines.find(
      (l) =>
        /^(?:http-request|http-response)$/.test(l.words[0]!.value) &&
        /^(?:return|deny|redirect|tarpit)$/.test(l.words[1]?.value ?? ''),
    );
    if (answer !== undefined) {
      consumed.add(answer);
      return { kind: 'answer', text: lineText(answer) };
    }
    return { kind: 'none', why: `backend ${name} has no server a route can name`, at: section.at };
  }
  for (const other of servers) {
    if (other === chosen) continue;
    const same = other.upstream.host === chosen.upstream.host && other.upstream.port === chosen.upstream.port;
    if (!same) {
      notes.push({
        kind: 'interpreted',
        text: `"${lineText(other.line)}": backend ${name} has several servers; its route names the first, ${chosen.upstream.host}:${chosen.upstream.port}`,
        at: other.line.at,
      });
    }
  }
  if (chosen.verified) {
    notes.push({
      kind: 'interpreted',
      text: `"${lineText(chosen.line)}": verifies the upstream's certificate; imported as re-encryption (the route does not say whether it is verified)`,
      at: chosen.line.at,
    });
  }
  return { kind: 'upstream', upstream: chosen.upstream };
}

/** `host:port`, `[v6]:port`, `ipv4@host:port`; a reason for anything a route cannot name. */
function serverAddress(text: string): { host: string; port: number } | string {
  const m = /^(?:(ipv4|ipv6|tcp|tcp4|tcp6)@)?(.*)$/.exec(text)!;
  const rest = m[2]!;
  if (/^[a-z0-9]+@/.test(rest) || rest.startsWith('/')) return 'a socket address, not a host and port';
  // `::1:8080` (IPv6 without brackets): the port is after the last colon.
  const v6 = /^([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*):([0-9]+)$/.exec(rest);
  const parsed = v6 && (v6[1]!.match(/:/g)?.length ?? 0) >= 2 ? hostPort(`[${v6[1]}]:${v6[2]}`, 0) : hostPort(rest, 0);
  if (parsed === undefined) {
    if (/:[+-][0-9]+$/.test(rest)) return 'a port relative to the one the client connected to';
    return 'not a host and port';
  }
  if (parsed.port === 0) return 'no port: HAProxy connects to the port the client connected to';
  return parsed;
}
