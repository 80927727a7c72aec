import { componentPorts, isDeployed, portNumber } from '../../catalog/index';
import { withoutSecret } from '../../catalog/literal-secrets';
import { CONNECTION_VARS, effectivePort, hostOf, parseConnectionUri } from '../../connections/index';
import { publicPortOf } from '../../model/constraints';
import type { Component, Route } from '../../model/types';
import { componentRef, named, routeRef, type CheckContext } from '../context';
import { DOCS } from '../docs';
import type { Finding, Rule } from '../types';
import { WS_URL_VAR } from './na003-ws-url-mismatch';

/** Schemes of data-store connections: their host must be something drawn, or nothing connects. */
const DATA_SCHEMES = new Set(['mysql', 'postgres', 'postgresql', 'redis', 'rediss', 'redis-sentinel']);

/** Variables another rule checks against the drawing in more detail (NA003, NA034). */
const CHECKED_ELSEWHERE = new Set([WS_URL_VAR, ...CONNECTION_VARS]);
const SAME_FAMILY: Readonly<Record<string, string>> = { https: 'https', wss: 'https', http: 'http', ws: 'http' };

/**
 * The general form of NA003 and NA034: any environment value that is a URL of something in the
 * drawing — a compose service, a customer-run server's host, or a public host an entry point
 * serves — must name a port that thing really listens on (or, for a public host, a route it
 * really serves). Otherwise the value points into the drawing and misses.
 */
export const NA036: Rule = {
  id: 'NA036',
  name: 'url-names-drawing',
  title: 'An environment URL names a component on a port it does not serve',
  severity: 'error',
  docs: DOCS.manual,
  why: 'A URL that names a container or public host of this deployment on a port or path nothing serves reaches nothing once exported.',
  check(ctx) {
    const found: Finding[] = [];
    let hosts: Map<string, Component[]> | undefined;
    let publicHosts: Map<string, Route[]> | undefined;
    for (const { component: c, name, value } of ctx.environment) {
      if (value.type !== 'literal' || !value.value.includes('://')) continue;
      if (c.kind === 'nextauth' && CHECKED_ELSEWHERE.has(name)) continue;
      const url = parseConnectionUri(value.value);
      if (url === undefined) continue;
      hosts ??= componentHosts(ctx);
      publicHosts ??= routeHosts(ctx);
      const port = effectivePort(url);
      const components = hosts.get(url.host);
      if (components !== undefined) {
        const target = components[0]!;
        if (port !== undefined) {
          const listens = listeningPorts(target);
          if (!listens.includes(port)) {
            found.push({
              message: `${name} of ${named(c)} names ${url.host}:${port}, but ${named(target)} listens on ${listens.join(', ') || 'no port'}`,
              elements: [componentRef(c), componentRef(target)],
            });
            continue;
          }
        }
        // The drawing is the truth: a container that connects somewhere shows it with a link, which
        // is also what puts it on a network that reaches the target.
        if (target !== c && isDeployed(c) && !ctx.linksFrom(c.id).some((l) => l.to === target.id)) {
          found.push({
            message: `${name} of ${named(c)} connects to ${named(target)} (${url.host}), but the drawing has no connection from ${named(c)} to it; draw the connection`,
            elements: [componentRef(c), componentRef(target)],
          });
        }
        continue;
      }
      // A custom container may use servers the drawing does not show (its own database, say): only
      // where its URL names something drawn is it held to the drawing.
      if (DATA_SCHEMES.has(url.scheme) && !publicHosts.has(url.host) && c.kind !== 'container') {
        found.push({
          message: `${name} of ${named(c)} connects to ${url.host}, which is not in the drawing; draw that server (with external: true and its host, if the customer runs it) and connect to it`,
          elements: [componentRef(c)],
        });
        continue;
      }
      const routes = publicHosts.get(url.host);
      if (routes === undefined) continue;
      const path = `/${url.path}`;
      const family = SAME_FAMILY[url.scheme];
      const served = routes.some(
        (r) =>
          SAME_FAMILY[r.scheme] === family &&
          publicPortOf(r) === port &&
          (path === r.path || path.startsWith(r.path.endsWith('/') ? r.path : `${r.path}/`)),
      );
      if (served) continue;
      found.push({
        message: `${name} of ${named(c)} is ${withoutSecret(c, name, value.value)}, but no route serves that scheme, port and path on ${url.host}`,
        elements: [componentRef(c), ...routes.slice(0, 3).map(routeRef)],
      });
    }
    return found;
  },
};

/** Host name → the components reachable under it (service names and declared external hosts). */
function componentHosts(ctx: CheckContext): Map<string, Component[]> {
  const map = new Map<string, Component[]>();
  for (const c of ctx.project.components) {
    if (componentPorts(c).length === 0) continue;
    const host = hostOf(c);
    if (host === undefined) continue;
    const list = map.get(host);
    if (list) list.push(c);
    else map.set(host, [c]);
  }
  return map;
}

function routeHosts(ctx: CheckContext): Map<string, Route[]> {
  const map = new Map<string, Route[]>();
  for (const r of ctx.project.routes) {
    const host = r.host.toLowerCase();
    const list = map.get(host);
    if (list) list.push(r);
    else map.set(host, [r]);
  }
  return map;
}

/** Every port a component listens on, overrides applied. */
function listeningPorts(c: Component): number[] {
  const ports = componentPorts(c).map((p) => portNumber(c, p.name)!);
  // A reverse proxy listens on the host ports it publishes (its configuration is written from them).
  if (c.kind === 'reverse-proxy') ports.push(...c.publish.map((p) => p.hostPort));
  return [...new Set(ports)].sort((a, b) => a - b);
}
