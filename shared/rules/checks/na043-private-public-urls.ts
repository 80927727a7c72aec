import { isEntryPoint, routeUrl } from '../../model/constraints';
import type { Route } from '../../model/types';
import { componentRef, named, routeRef, type CheckContext } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * Why a public host cannot be reached from the internet, or undefined when it can be. IPv4
 * literals in the ranges the internet does not route (RFC 1918 private, RFC 6598 shared, loopback,
 * link-local, "this network"), and names that only resolve locally: `localhost` (RFC 6761), mDNS
 * `.local` (RFC 6762), `.home.arpa` (RFC 8375), `.internal` (reserved for private use), and
 * single-label names, which no public DNS serves.
 */
export function unreachableFromInternet(host: string): string | undefined {
  const h = (host.endsWith('.') ? host.slice(0, -1) : host).toLowerCase();
  const last = h.charCodeAt(h.length - 1);
  const ip = last >= 0x30 && last <= 0x39 ? IPV4.exec(h) : null;
  if (ip !== null) {
    const [a, b] = [Number(ip[1]), Number(ip[2])];
    if (ip.slice(1).some((o) => Number(o) > 255)) return undefined; // not an address; NA027's to judge
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'a private address';
    if (a === 100 && b >= 64 && b <= 127) return 'a carrier-grade NAT address';
    if (a === 127) return 'a loopback address';
    if (a === 169 && b === 254) return 'a link-local address';
    if (a === 0) return 'an unroutable address';
    return undefined;
  }
  const dot = h.lastIndexOf('.');
  if (dot === -1) return h === '' ? undefined : h === 'localhost' ? 'the local machine only' : SINGLE_LABEL;
  switch (h.slice(dot + 1)) {
    case 'localhost':
      return 'the local machine only';
    case 'local':
      return 'a local-network (mDNS) name';
    case 'internal':
      return 'a private-network name';
    case 'arpa':
      return h.endsWith('.home.arpa') ? 'a private-network name' : undefined;
    default:
      return undefined;
  }
}

const SINGLE_LABEL = 'a single-label name no public DNS serves';

/** Whether the architect drew every mobile app inside a private zone: the devices are on that network. */
function mobileAppsInside(ctx: CheckContext): boolean {
  const apps = ctx.ofKind('mobile-app');
  return (
    apps.length > 0 &&
    apps.every((a) => {
      const zone = a.zone === undefined ? undefined : ctx.zoneById.get(a.zone);
      return zone !== undefined && zone.kind !== 'internet';
    })
  );
}

/** The ports the mobile app reaches nextauth on. */
const MOBILE_PORTS = ['ws', 'mobile'] as const;

/**
 * Reference §4B.43 (S5: mobile devices must be able to reach the server, including during local
 * tests), which holds in any layout. The app needs both the WebSocket and the Mobile API: when
 * every public URL of either one is on a private address or a local-only name, phones on the
 * internet cannot use nextauth. Drawing the mobile
 * apps inside a private zone (a corporate network, a test Wi-Fi) says the devices are there too,
 * and the rule stays quiet.
 */
export const NA043: Rule = {
  id: 'NA043',
  name: 'private-public-urls',
  title: 'The mobile app can reach nextauth only on a private network',
  severity: 'warning',
  docs: DOCS.docker,
  why: 'Mobile devices must be able to reach the server; URLs on private addresses or local-only names work only for devices on that network.',
  *check(ctx) {
    let devicesInside: boolean | undefined;
    for (const nextauth of ctx.ofKind('nextauth')) {
      // The app needs both ports: one of them reachable only on a private network is enough to fail.
      let privateRoutes: Route[] | undefined;
      for (const port of MOBILE_PORTS) {
        const routes = ctx.routesTo(nextauth.id, port);
        let served = 0;
        let reachable = false;
        for (const r of routes) {
          if (!isEntryPoint(ctx.componentById.get(r.via))) continue;
          served++;
          if (unreachableFromInternet(r.host) === undefined) {
            reachable = true; // one public URL per port is enough
            break;
          }
        }
        if (served === 0 || reachable) continue; // NA006 and NA010 report missing routes
        (privateRoutes ??= []).push(...routes.filter((r) => isEntryPoint(ctx.componentById.get(r.via))));
      }
      if (privateRoutes === undefined) continue;
      devicesInside ??= mobileAppsInside(ctx);
      if (devicesInside) return;
      const reasons = privateRoutes.map((r) => `${routeUrl(r)} is on ${unreachableFromInternet(r.host)!}`);
      yield {
        message: `${named(nextauth)} is reachable for the mobile app only on a private network (${reasons.join('; ')}); phones on the internet cannot connect — use a public host name, or draw the mobile app in the private network it uses`,
        elements: [componentRef(nextauth), ...privateRoutes.map(routeRef)],
      };
    }
  },
};
