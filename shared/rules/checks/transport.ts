import { getKind } from '../../catalog/index';
import { isSecureScheme, publicPortOf, routeUrl } from '../../model/constraints';
import { updateComponent, updateRoute } from '../../model/index';
import type { Component, ComponentKind, Project, Route, RouteId } from '../../model/types';
import { componentRef, literal, named, routeRef, type CheckContext } from '../context';
import type { Diagnostic, Finding, Fix } from '../types';
import { WS_URL_VAR } from './na003-ws-url-mismatch';
import { servesTls } from './tls';
import { normalizeUrl } from './url';

/**
 * Transport security of the public URLs of nextauth (WebSockets, Mobile API, REST API: NA004)
 * and nextauth-mgmt (dashboard, account management, identity provider: NA017) — one policy,
 * decided here once.
 *
 * The policy rests on one sentence of the networking page (seed-networking.txt, "Manual Network
 * Setup"): "TLS termination always takes place on the reverse proxy." So every public URL of
 * these ports is https:// or wss:// with TLS terminated at the entry point, and optionally
 * re-encrypted to the container. A route that is not gets a **warning**, for every port alike:
 * the stack still starts and connects, but logins, sessions and API keys cross the network in
 * clear text — a risk against the documented setup, not a broken deployment (reference §4A.3
 * and §4A.16 rate it a warning too). The Mobile API was once silent here although it carries
 * the same sessions; it is not any more.
 *
 * Which routes count:
 * - `http://` and `ws://`: no TLS at all.
 * - `https://` / `wss://` with TLS not terminated: a passthrough. It is deliberate when the
 *   container serves TLS on that port itself (its `NEXTAUTH_*_TLS_*` pair is set): the client's
 *   TLS then reaches nextauth, which is secure, and NA033 explains why the proxy cannot export
 *   it. Otherwise the TLS reaches a port that speaks plain text, so nothing on the way ends it.
 * - Routes through portmap are NA029's: portmap serves https:// and wss:// on 443 only, so such
 *   a route is an error there, not a transport warning here.
 */
export const TRANSPORT_WHY =
  'nextAuth’s networking page says "TLS termination always takes place on the reverse proxy."; a public nextauth or mgmt URL without it carries logins, sessions and keys in clear text, which is a risk rather than a broken stack, so every such route is a warning.';

export type TransportProblem = 'plain' | 'not-terminated';

/** What is wrong with the transport of a public route to `target`, or undefined when TLS ends at the entry point. */
export function transportProblem(route: Route, target: Component): TransportProblem | undefined {
  if (!isSecureScheme(route.scheme)) return 'plain';
  if (route.tls.terminate) return undefined;
  return servesTls(target, route.port) ? undefined : 'not-terminated';
}

/** The public routes of every port of every component of `kind` that break the policy. */
export function* transportFindings(ctx: CheckContext, kind: ComponentKind): Generator<Finding> {
  const ports = getKind(kind).ports;
  for (const target of ctx.ofKind(kind)) {
    for (const port of ports) {
      for (const route of ctx.routesTo(target.id, port.name)) {
        const via = ctx.componentById.get(route.via);
        if (via?.kind === 'nextauth-portmap') continue; // NA029 reports it
        const problem = transportProblem(route, target);
        if (problem === undefined) continue;
        const what = `the ${port.label} port of ${named(target)}`;
        const secure = secureScheme(route.scheme);
        yield {
          message:
            problem === 'plain'
              ? `${what} is public at ${routeUrl(route)} without TLS; serve it as ${secure}:// with TLS terminated at ${named(via)}`
              : `${named(via)} passes TLS for ${routeUrl(route)} through to ${what}, which does not serve TLS itself, so nothing ends the TLS connection; terminate TLS at ${named(via)}`,
          elements: [routeRef(route), componentRef(target)],
        };
      }
    }
  }
}

const secureScheme = (scheme: Route['scheme']): 'wss' | 'https' =>
  scheme === 'ws' || scheme === 'wss' ? 'wss' : 'https';

/** The route a fix produces: the secure scheme on its default port, TLS terminated at the entry point. */
function secured(r: Route): Route {
  const { publicPort: _dropped, ...rest } = r;
  return { ...rest, scheme: secureScheme(r.scheme), tls: { ...r.tls, terminate: true } };
}

/**
 * Whether securing the route would make it collide with another route of the same entry point
 * (same public port, host and path: NA008). The architect then has two routes for one URL and
 * should remove the plain one, which no fix can decide for them.
 */
function collides(project: Project, route: Route): boolean {
  const next = secured(route);
  const host = next.host.toLowerCase();
  const port = publicPortOf(next);
  return project.routes.some(
    (r) =>
      r.id !== route.id &&
      r.via === route.via &&
      r.path === next.path &&
      r.host.toLowerCase() === host &&
      publicPortOf(r) === port,
  );
}

const routeOf = (project: Project, d: Diagnostic): Route | undefined =>
  project.routes.find((r) => r.id === d.elements[0]?.id);

/**
 * The quick fix both rules offer: serve the route as https:// or wss:// on the default port with
 * TLS terminated at the entry point (re-encryption is kept as drawn). Where NEXTAUTH_DEFAULT_WS_URL
 * named a WebSocket route before, it names it after (NA003 stays quiet).
 */
export const secureRouteFix: Fix = {
  applies: (d, project) => {
    const route = routeOf(project, d);
    return route !== undefined && !collides(project, route);
  },
  title: (d, project) => {
    const route = routeOf(project, d);
    return route === undefined
      ? 'Serve it with TLS terminated at the entry point'
      : `Serve it as ${routeUrl(secured(route))} with TLS terminated at the entry point`;
  },
  apply(project, d) {
    const before = routeOf(project, d);
    if (before === undefined || collides(project, before)) return project;
    const after = secured(before);
    let next = updateRoute(project, before.id as RouteId, () => after);
    const old = normalizeUrl(routeUrl(before));
    if (before.port !== 'ws') return next;
    next = updateComponent(next, before.target, (c) => {
      if (c.kind !== 'nextauth') return c;
      const current = literal(c, WS_URL_VAR);
      if (current === undefined || normalizeUrl(current) !== old) return c;
      return { ...c, environment: { ...c.environment, [WS_URL_VAR]: { type: 'literal', value: routeUrl(after) } } };
    });
    return next;
  },
};
