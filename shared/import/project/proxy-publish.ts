/**
 * A reverse proxy's publishes on ports other than 80 and 443. A proxy listens inside its
 * container on the port it publishes (`8443:8443`: Portolan's export writes it so, and so do
 * most hand-written files), so the container port says nothing about which of the proxy's
 * ports it is; the routes do: a port that serves https:// or wss:// URLs is the proxy's `https`
 * port, one that serves http:// or ws:// URLs its `http` port, and a port no route uses is the
 * one of the two the proxy does not publish yet (the redirect to HTTPS; with neither taken, a
 * number ending in 443 is the TLS port, as in 8443). The components step
 * keeps such entries as written (components.ts); here they become the drawing's publishes.
 */
import { hostSide } from '../../model/publish-address';
import { publicPortOf } from '../../model/constraints';
import type { Component, PassValue, Publish, Route } from '../../model/types';
import type { ImportNote } from '../types';
import type { ServiceFacts } from './service-facts';

const secure = (r: Route): boolean => r.scheme === 'https' || r.scheme === 'wss';

export function proxyPublishes(
  c: Component,
  facts: ServiceFacts | undefined,
  routes: readonly Route[],
  notes: ImportNote[],
): Component {
  if (c.kind !== 'reverse-proxy' || facts === undefined) return c;
  const kept = c.passThrough?.ports;
  if (!Array.isArray(kept)) return c;
  const publish: Publish[] = [...c.publish];
  const taken = new Set(publish.map((p) => p.port));
  const served = routes.filter((r) => r.via === c.id);
  const moved = new Set<PassValue>();
  const same = facts.ports.filter(
    (p) =>
      p.published === p.target &&
      p.publishedEnd === undefined &&
      p.protocol === 'tcp' &&
      p.mode === 'ingress' &&
      p.name === undefined &&
      p.appProtocol === undefined &&
      p.target !== 80 &&
      p.target !== 443,
  );
  // Ports a route names first, then the rest by elimination (a port whose number ends in 443,
  // such as 8443, taken for the TLS one when no route says).
  const ordered = [...same].sort(
    (a, b) =>
      Number(served.some((r) => publicPortOf(r) === b.target)) -
      Number(served.some((r) => publicPortOf(r) === a.target)),
  );
  for (const p of ordered) {
    // As components.ts keeps it (keptPort): `[HOST_IP:]PUBLISHED:TARGET`.
    const text = `${hostSide({ hostPort: p.published!, ...(p.hostIp !== undefined ? { hostIp: p.hostIp } : {}) })}:${p.target}`;
    if (!(kept as readonly PassValue[]).includes(text)) continue;
    const using = served.filter((r) => publicPortOf(r) === p.target);
    const name =
      using.length > 0
        ? using.every(secure)
          ? 'https'
          : using.some(secure)
            ? undefined
            : 'http'
        : (/443$/.test(String(p.target)) ? ['https', 'http'] : ['http', 'https']).find((n) => !taken.has(n));
    // A route's port is that port whatever else the proxy publishes (443 and 9443 may both be https).
    if (name === undefined || (using.length === 0 && taken.has(name))) continue;
    taken.add(name);
    publish.push(
      p.hostIp === undefined
        ? { port: name, hostPort: p.target }
        : { port: name, hostPort: p.target, hostIp: p.hostIp },
    );
    moved.add(text);
    notes.push({
      kind: 'interpreted',
      text: `service ${c.id} publishes ${text}: the proxy's ${name} port, listening on ${p.target} inside its container${using.length > 0 ? ` (the port of its ${name}:// URLs)` : ''}`,
      at: p.at,
    });
  }
  if (moved.size === 0) return c;
  const { ports: _ports, ...rest } = c.passThrough!;
  const left = (kept as readonly PassValue[]).filter((k) => !moved.has(k));
  const passThrough = left.length > 0 ? { ...rest, ports: left } : rest;
  const { passThrough: _kept, ...base } = c;
  return { ...base, publish, ...(Object.keys(passThrough).length > 0 ? { passThrough } : {}) };
}
