import { routeUrl } from '../../model/constraints';
import type { Component } from '../../model/types';
import { componentRef, named, routeRef } from '../context';
import { DOCS } from '../docs';
import type { Finding, Rule } from '../types';

/**
 * A host name under a placeholder domain: the one nextAuth's Docker page ships
 * (`nextauth.mydomain.com`, S5) and its usual respellings. These are real, registered domains
 * of someone else, so unlike the reserved example names (`example.com`, RFC 2606) that the
 * templates use, a left-over one resolves and sends the mobile apps and the operator's DNS,
 * certificates and firewall to a stranger's server. The host must start at a boundary
 * (`notmydomain.com` is not one) and end there (`mydomain.com.au` is not one either).
 */
const PLACEHOLDER = /(?:^|[^a-z0-9-])((?:[a-z0-9-]+\.)*((?:my|your)-?domain\.com))(?![a-z0-9-]|\.[a-z0-9])/i;

/** A cheap test first: this runs over every value on every edit, and almost none match. */
const QUICK = /domain\.com/i;

/** The host and placeholder domain `text` names, if it names one. */
export function placeholderHost(text: string): { host: string; domain: string } | undefined {
  if (!QUICK.test(text)) return undefined;
  const m = PLACEHOLDER.exec(text);
  return m ? { host: m[1]!.toLowerCase(), domain: m[2]!.toLowerCase() } : undefined;
}

const advice = (domain: string) =>
  `"${domain}" is the placeholder domain of the nextAuth docs; replace it with your own domain`;

export const NA040: Rule = {
  id: 'NA040',
  name: 'placeholder-domain',
  title: 'The placeholder domain of the nextAuth docs is still in the drawing',
  severity: 'error',
  docs: DOCS.docker,
  why: 'nextauth.mydomain.com is the docs’ stand-in for your own domain; left in place, the apps, DNS records and certificates point at a domain somebody else owns.',
  check(ctx) {
    const found: Finding[] = [];
    for (const route of ctx.project.routes) {
      const hit = placeholderHost(route.host);
      if (hit === undefined) continue;
      found.push({
        message: `route ${route.id} serves ${routeUrl(route)}; ${advice(hit.domain)}`,
        elements: [routeRef(route)],
      });
    }
    // One finding per component, naming every variable and property that holds such a host.
    const byComponent = new Map<Component, { where: string[]; domain: string }>();
    const note = (c: Component, where: string, domain: string) => {
      const entry = byComponent.get(c);
      if (entry) entry.where.push(where);
      else byComponent.set(c, { where: [where], domain });
    };
    for (const { component, name, value } of ctx.environment) {
      if (value.type !== 'literal') continue;
      const hit = placeholderHost(value.value);
      if (hit) note(component, `${name} (${hit.host})`, hit.domain);
    }
    for (const c of ctx.project.components) {
      for (const key in c.properties) {
        const v = c.properties[key];
        const hit = typeof v === 'string' ? placeholderHost(v) : undefined;
        if (hit) note(c, `property ${key} (${hit.host})`, hit.domain);
      }
    }
    for (const [c, { where, domain }] of byComponent) {
      found.push({ message: `${named(c)} names ${where.join(', ')}; ${advice(domain)}`, elements: [componentRef(c)] });
    }
    const registry = placeholderHost(ctx.project.settings.registry);
    if (registry) {
      found.push({
        message: `the image registry ${ctx.project.settings.registry} is on ${registry.host}; ${advice(registry.domain)}`,
        elements: [],
      });
    }
    return found;
  },
};
