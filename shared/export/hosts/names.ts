import { isIPv6, isIpAddress } from '../../model/ip-address';
import type { Host } from '../../model/types';

/**
 * How a declared host is named in the compose export per host (issue 16): its folder, the `.env`
 * variable holding its address when the drawing gives none (or gives a DNS name, which Docker
 * cannot bind), and the alias a container dials it by when only that variable knows the address.
 */

/** The folder every file of one host goes in. */
export const HOSTS_FOLDER = 'hosts';

/** A host name as a folder and DNS label: lower-case letters, digits and `-`, never empty. */
function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
}

/**
 * Each host's slug, in project order: its name's, else its id's, else `host`; a slug another host
 * already took gets `-2`, `-3`… (names differ case-insensitively, but `a b` and `a-b` slug alike).
 */
export function hostSlugs(hosts: readonly Host[]): ReadonlyMap<Host, string> {
  const out = new Map<Host, string>();
  const taken = new Set<string>();
  for (const h of hosts) {
    const plain = slugOf(h.name) || slugOf(h.id) || 'host';
    // Windows keeps `con`, `nul`, `com1`… as device names in every folder: such a folder is refused.
    const base = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/.test(plain) ? `${plain}-host` : plain;
    let slug = base;
    for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`;
    taken.add(slug);
    out.set(h, slug);
  }
  return out;
}

/** `PORTOLAN_HOST_APP_3_ADDRESS`: the host's IP address on the network between hosts, an operator input. */
export const addressVar = (slug: string): string => `PORTOLAN_HOST_${slug.toUpperCase().replace(/-/g, '_')}_ADDRESS`;

/** The name a container dials a host by when only `.env` knows its address (an `extra_hosts` entry). */
export const hostAlias = (slug: string): string => `portolan-host-${slug}`;

/** How the containers of one host dial another: an address written as is, or an alias backed by `.env`. */
export interface Dial {
  /** For `host:port` in URIs and proxy configurations (IPv6 in brackets). */
  readonly address: string;
  /** When the host has no address: the `extra_hosts` entry and the `.env` input behind it. */
  readonly alias?: { readonly name: string; readonly variable: string };
}

/** How other hosts dial `host`: its IP or DNS name as drawn, else an alias of `.env`'s address. */
export function dialOf(host: Host, slug: string): Dial {
  const a = host.address;
  if (a !== undefined && a !== '') return { address: isIPv6(a) ? `[${a}]` : a.toLowerCase() };
  const name = hostAlias(slug);
  return { address: name, alias: { name, variable: addressVar(slug) } };
}

/**
 * The address a port published for other hosts binds on `host`: its private address, never
 * every interface (Docker publishes past host firewalls). An IP address as drawn; for a DNS
 * name or no address, `.env`'s variable — compose stops with a message while it is empty.
 */
export function bindOf(host: Host, slug: string): { readonly ip: string; readonly variable?: string } {
  const a = host.address;
  if (a !== undefined && isIpAddress(a)) return { ip: a };
  const variable = addressVar(slug);
  return { ip: `\${${variable}:?set ${variable} in .env}`, variable };
}
