import { componentRef, named, routeRef } from '../context';
import { DOCS } from '../docs';
import type { Finding, Rule } from '../types';
import { isHostname, parseUrl } from './url';

/**
 * Path prefixes: unreserved characters and percent escapes only, so no proxy config can be
 * broken by one. These shapes are exported: the inspector refuses input against the same ones.
 */
export const PATH = /^\/(?:[A-Za-z0-9._~/-]|%[0-9A-Fa-f]{2})*$/;
export const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
export const REGISTRY = /^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?)(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;

export const NA027: Rule = {
  id: 'NA027',
  name: 'invalid-address',
  title: 'Invalid host name, path or URL',
  severity: 'error',
  docs: DOCS.hostnames,
  why: 'Host names, paths and URLs end up in DNS, certificates and proxy configuration, where a malformed value breaks the deployment.',
  *check(ctx) {
    for (const route of ctx.project.routes) {
      if (!isHostname(route.host)) {
        yield {
          message: `route ${route.id} has the host name "${JSON.stringify(route.host).slice(1, -1)}", which is not a valid DNS name (RFC 1123)`,
          elements: [routeRef(route)],
        };
      }
      if (!route.path.startsWith('/')) {
        yield {
          message: `route ${route.id} has the path "${route.path}", which must start with "/"`,
          elements: [routeRef(route)],
        };
      } else if (!PATH.test(route.path) || /(^|\/)\.\.?(\/|$)/.test(route.path)) {
        yield {
          message: `route ${route.id} has the path "${JSON.stringify(route.path).slice(1, -1)}"; use letters, digits, "-", ".", "_", "~", "/" and %-escapes, without "." or ".." segments`,
          elements: [routeRef(route)],
        };
      }
    }
    for (const { component: c, name, value } of ctx.environment) {
      if (!name.endsWith('_URL') || value.type !== 'literal' || value.value === '') continue;
      const url = parseUrl(value.value);
      if (url === undefined || !isHostname(url.host)) {
        yield { message: `${name} of ${named(c)} is not a valid URL: "${value.value}"`, elements: [componentRef(c)] };
      }
    }
    yield* settingsFindings(ctx.project.settings);
  },
};

function* settingsFindings(settings: { registry: string; tag: string }): Generator<Finding> {
  if (!TAG.test(settings.tag)) {
    yield { message: `the image tag "${settings.tag}" is not a valid Docker tag`, elements: [] };
  }
  if (settings.registry !== '' && !REGISTRY.test(settings.registry)) {
    yield { message: `the image registry "${settings.registry}" is not a valid registry path`, elements: [] };
  }
}
