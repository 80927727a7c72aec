/**
 * What DEPLOYMENT.md's sections share: the plan's entry points and indexes built once per guide
 * (so each section stays linear in the size of the project), and how a component is named.
 */
import type { Component } from '../model/types';
import { code, md } from './markdown';
import type { DeploymentPlan, Site } from './plan';

const HOST = /^[a-z0-9.-]+$/;
const PATH = /^\/(?:[A-Za-z0-9._~/-]|%[0-9A-Fa-f]{2})*$/;

/** Host names and paths go into shell commands below: the checker refuses bad ones first, this is the backstop. */
export function assertAddress(host: string, path = '/'): void {
  if (!HOST.test(host)) throw new Error(`refusing to write the host name ${JSON.stringify(host)} into DEPLOYMENT.md`);
  if (!PATH.test(path)) throw new Error(`refusing to write the path ${JSON.stringify(path)} into DEPLOYMENT.md`);
}

/** `nginx (`proxy`)`: the display name people know, and the id compose uses. */
export const who = (c: Component): string => {
  let text = WHO.get(c);
  if (text === undefined) {
    text = c.name === c.id || c.name.trim() === '' ? code(c.id) : `${md(c.name)} (${code(c.id)})`;
    WHO.set(c, text);
  }
  return text;
};
/** Components are immutable, so their Markdown name is worked out once. */
const WHO = new WeakMap<Component, string>();

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface Entry {
  readonly entry: Component;
  readonly sites: readonly Site[];
  /** True for reverse proxies, which read certificates from the mounted `./certs`. */
  readonly mountsCerts: boolean;
}

/** Indexes built once per guide, so each section stays linear in the size of the project. */
export interface Facts {
  readonly plan: DeploymentPlan;
  readonly entries: readonly Entry[];
  readonly component: ReadonlyMap<string, Component>;
  /** Components that run as services of the compose file, by id. */
  readonly service: ReadonlyMap<string, Component>;
  /** Entry points that terminate TLS for a host name. */
  readonly tlsBy: ReadonlyMap<string, readonly Entry[]>;
}

export function factsOf(plan: DeploymentPlan): Facts {
  const entries: Entry[] = [
    ...plan.proxies.map((p) => ({ entry: p.entry, sites: p.sites, mountsCerts: true })),
    ...plan.portmaps.map((p) => ({ entry: p.entry, sites: p.sites, mountsCerts: false })),
  ];
  const tlsBy = new Map<string, Entry[]>();
  for (const e of entries)
    for (const host of new Set(e.sites.filter((s) => s.tls).map((s) => s.host))) {
      const list = tlsBy.get(host);
      if (list) list.push(e);
      else tlsBy.set(host, [e]);
    }
  return {
    plan,
    entries,
    component: new Map(plan.project.components.map((c) => [c.id as string, c])),
    service: new Map(plan.services.map((s) => [s.name, s.component])),
    tlsBy,
  };
}

export const siteUrl = (s: Site): string => {
  const scheme = s.tls ? 'https' : 'http';
  const port = s.publicPort === (s.tls ? 443 : 80) ? '' : `:${s.publicPort}`;
  return `${scheme}://${s.host}${port}`;
};
