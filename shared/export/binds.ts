import { componentPort } from '../catalog/index';
import { isEntryPoint } from '../model/constraints';
import type { Component } from '../model/types';

/**
 * The host addresses a published port binds, written out in the compose file (issue 15): Docker
 * reads `443:443` as every interface, silently, and publishes past host firewalls such as ufw —
 * so the export says on purpose what it binds.
 *
 * - A publish with its own address (Publish.hostIp: an import's `127.0.0.1:8443:443`, an
 *   architect's choice) keeps exactly that address.
 * - A public port of an entry point (the catalog's `public` exposure: a reverse proxy's or
 *   portmap's 80 and 443) binds every IPv4 and every IPv6 interface, `0.0.0.0` and `::`: the
 *   public URLs must be reachable over both.
 * - Any other port of an entry point is there for the operator alone (the catalog has none
 *   today; a proxy's dashboard or status port would be one): loopback, `127.0.0.1`.
 * - A custom container's port, drawn or imported without an address, keeps what it meant in the
 *   compose file it came from — every interface — now written out: the model cannot tell a
 *   container's public port from an administrative one, and narrowing it would cut off what the
 *   customer ran before. The architect binds it to loopback with an address in the inspector.
 */
export const ALL_IPV4 = '0.0.0.0';
export const ALL_IPV6 = '::';
export const LOOPBACK_IPV4 = '127.0.0.1';

export function bindAddresses(c: Component, publish: { readonly port: string; readonly hostIp?: string }): string[] {
  if (publish.hostIp !== undefined && publish.hostIp !== '') return [publish.hostIp];
  if (isEntryPoint(c) && componentPort(c, publish.port)?.exposure !== 'public') return [LOOPBACK_IPV4];
  return [ALL_IPV4, ALL_IPV6];
}
