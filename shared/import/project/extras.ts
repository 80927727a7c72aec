/**
 * What a compose file cannot say but the drawing needs to be checked: the outside services the
 * docs say nextauth must reach (the license server, a required egress in the catalog), and the
 * clients that use the public URLs (a mobile app for WebSocket routes, a browser user for web
 * routes) — each added once, linked as the templates link them, and reported as interpreted.
 */
import { getKind } from '../../catalog/index';
import { isEntryPoint } from '../../model/constraints';
import type { Component, ComponentId, ComponentKind, Link, LinkId, Route, ZoneId } from '../../model/types';
import type { ImportNote, SourcePos } from '../types';

const blank = (id: string, kind: ComponentKind, name: string, zone: ZoneId | undefined): Component => ({
  id: id as ComponentId,
  kind,
  name,
  ...(zone !== undefined ? { zone } : {}),
  replicas: 1,
  properties: {},
  environment: {},
  portOverrides: {},
  publish: [],
  position: { x: 0, y: 0 },
});

export interface Extras {
  readonly components: Component[];
  readonly links: Link[];
}

/** Outside services and clients for a drawing of `components` with `routes`; ids avoid `taken`. */
export function extrasFor(
  components: readonly Component[],
  routes: readonly Route[],
  internet: ZoneId | undefined,
  taken: Set<string>,
  where: SourcePos,
  notes: ImportNote[],
): Extras {
  const out: Extras = { components: [], links: [] };
  const fresh = (base: string): string => {
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  };
  const link = (from: ComponentId, to: ComponentId, port: string) =>
    out.links.push({ id: fresh(`${from}-to-${to}`) as LinkId, from, to, port });

  // Required egress with a fixed address (the license server): one component, linked from each instance.
  const needed = new Map<ComponentKind, Component>();
  for (const c of components) {
    if (c.kind === 'container') continue;
    for (const e of getKind(c.kind).egress) {
      if (!e.required || e.address === undefined) continue;
      let target = needed.get(e.to) ?? components.find((o) => o.kind === e.to);
      if (target === undefined) {
        target = blank(fresh(e.to), e.to, getKind(e.to).label, internet);
        needed.set(e.to, target);
        out.components.push(target);
        notes.push({
          kind: 'interpreted',
          text: `added ${getKind(e.to).label} (${e.address}): ${getKind(c.kind).label} must reach it (${e.purpose})`,
          at: where,
        });
      }
      link(c.id, target.id, e.port);
    }
  }

  // Clients of the public URLs: who uses them is not in any file, but the checks need someone to.
  for (const entry of components.filter((c) => isEntryPoint(c))) {
    const served = routes.filter((r) => r.via === entry.id);
    const port =
      served.some((r) => r.scheme === 'https' || r.scheme === 'wss') || served.length === 0 ? 'https' : 'http';
    const kinds: [ComponentKind, boolean][] = [
      ['mobile-app', served.some((r) => r.scheme === 'wss' || r.scheme === 'ws')],
      ['browser-user', served.some((r) => r.scheme === 'https' || r.scheme === 'http') || served.length === 0],
    ];
    for (const [kind, wanted] of kinds) {
      if (!wanted) continue;
      let client = out.components.find((c) => c.kind === kind) ?? components.find((c) => c.kind === kind);
      if (client === undefined) {
        client = blank(fresh(kind), kind, getKind(kind).label, internet);
        out.components.push(client);
        notes.push({
          kind: 'interpreted',
          text: `added ${getKind(kind).label}: the public URLs of ${entry.id} are used by ${kind === 'mobile-app' ? 'the mobile app (WebSocket routes)' : 'browsers'}`,
          at: where,
        });
      }
      link(client.id, entry.id, port);
    }
  }
  return out;
}
