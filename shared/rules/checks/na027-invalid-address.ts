import { isExternal } from '../../connections/index';
import { withoutSecret } from '../../catalog/literal-secrets';
import { isHostname, isRoutePath, REGISTRY_PATTERN, TAG_PATTERN } from '../../model/constraints';
import { componentRef, named, routeRef } from '../context';
import { DOCS } from '../docs';
import type { Finding, Rule } from '../types';
import { parseUrl } from './url';

/**
 * The shapes live in shared/model/constraints (one home per fact). These names stay for the
 * files that still import them from here (the inspector).
 */
export { PATH_PATTERN as PATH, TAG_PATTERN as TAG, REGISTRY_PATTERN as REGISTRY } from '../../model/constraints';

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
      } else if (!isRoutePath(route.path)) {
        yield {
          message: `route ${route.id} has the path "${JSON.stringify(route.path).slice(1, -1)}"; use letters, digits, "-", ".", "_", "~", "/" and %-escapes, without "." or ".." segments`,
          elements: [routeRef(route)],
        };
      }
    }
    for (const { component: c, name, value } of ctx.environment) {
      // A custom container's variables are its own business (an imported service's callback path,
      // say): no other file reads them, and the compose writer quotes them whatever they hold.
      if (c.kind === 'container' || !name.endsWith('_URL') || value.type !== 'literal' || value.value === '') continue;
      const url = parseUrl(value.value);
      if (url === undefined || !isHostname(url.host)) {
        yield {
          message: `${name} of ${named(c)} is not a valid URL: "${withoutSecret(c, name, value.value)}"`,
          elements: [componentRef(c)],
        };
      }
    }
    // The declared host of a server the customer runs becomes the host of its connection URI
    // and a row of the firewall table.
    for (const c of ctx.project.components) {
      if (!isExternal(c) || !Object.hasOwn(c.properties, 'host')) continue;
      const host = c.properties.host;
      if (typeof host === 'string' && isHostname(host)) continue;
      yield {
        message: `${named(c)} runs outside the deployment at the host "${JSON.stringify(String(host)).slice(1, -1)}", which is not a valid host name (RFC 1123)`,
        elements: [componentRef(c)],
      };
    }
    yield* settingsFindings(ctx.project.settings);
  },
};

function* settingsFindings(settings: { registry: string; tag: string }): Generator<Finding> {
  if (!TAG_PATTERN.test(settings.tag)) {
    yield { message: `the image tag "${settings.tag}" is not a valid Docker tag`, elements: [] };
  }
  if (settings.registry !== '' && !REGISTRY_PATTERN.test(settings.registry)) {
    yield { message: `the image registry "${settings.registry}" is not a valid registry path`, elements: [] };
  }
}
