import type { Host, Link, ProjectSettings, Publish, Route } from '../model/types';
import { capacityRecord } from './read-capacity';
import { tlsRecord } from './read-tls';

/**
 * The written shape of the model's small records, key order included: the project file (both
 * writers, save.ts and plain-writer.ts) and the compose file's `x-portolan` block
 * (export/portolan-extension.ts) write them alike, so one change of a record's fields changes all.
 */

export function publishRecord(p: Publish): { port: string; hostPort: number; hostIp?: string } {
  return p.hostIp === undefined
    ? { port: p.port, hostPort: p.hostPort }
    : { port: p.port, hostPort: p.hostPort, hostIp: p.hostIp };
}

export const linkRecord = (l: Link) => ({ id: l.id, from: l.from, to: l.to, port: l.port });

export function routeRecord(r: Route): Record<string, unknown> {
  return {
    id: r.id,
    via: r.via,
    scheme: r.scheme,
    host: r.host,
    ...(r.publicPort !== undefined ? { publicPort: r.publicPort } : {}),
    path: r.path,
    target: r.target,
    port: r.port,
    tls: { terminate: r.tls.terminate, reencrypt: r.tls.reencrypt },
  };
}

/**
 * `settings`: the TLS policy only when it is not the default, the expected WebSocket capacity only
 * when set (a project with neither keeps its format 2 or 3 bytes).
 */
export function settingsRecord(s: ProjectSettings): Record<string, unknown> {
  const tls = tlsRecord(s.tls);
  const capacity = capacityRecord(s.capacity);
  return {
    registry: s.registry,
    tag: s.tag,
    ...(tls !== undefined ? { tls } : {}),
    ...(capacity !== undefined ? { capacity } : {}),
  };
}

/** A host (format 6): its id, name and — when set — the address other hosts reach it by. */
export function hostRecord(h: Host): Record<string, unknown> {
  return h.address === undefined ? { id: h.id, name: h.name } : { id: h.id, name: h.name, address: h.address };
}
