import { componentPort } from '../../catalog/index';
import { parseShortPort } from '../../import/compose/ports';
import type { Component, PassValue } from '../../model/types';

/**
 * The host ports a component's container binds: the drawing's publishes, and the entries of a
 * `ports:` list kept from an import (`127.0.0.1:2526:25`, a long form), which the compose exporter
 * writes after the drawing's (shared/export/pass-through.ts) — so the checker sees every bind the
 * exported file makes. Kept entries are read with the import's port grammar (compose-go's); an
 * entry it cannot read binds nothing here (NA048 reports what the export cannot write), and a
 * host range with one container port (`8000-8010:80`, the engine picks) claims no fixed port.
 */
export interface HostBinding {
  readonly hostPort: number;
  readonly protocol: 'tcp' | 'udp' | 'sctp';
  /** The host address bound; undefined binds every address. */
  readonly hostIp?: string;
  /** Whether the bind comes from a kept `ports:` entry rather than a drawn publish. */
  readonly kept: boolean;
}

const NOWHERE = { file: '', line: 0, column: 0 };

function keptEntry(entry: PassValue): HostBinding[] {
  if (typeof entry === 'string' || typeof entry === 'number') {
    const parsed = parseShortPort(String(entry), NOWHERE);
    if (!parsed.ok) return [];
    return parsed.value.flatMap((p) =>
      p.published === undefined || p.publishedEnd !== undefined || p.published === 0
        ? []
        : [{ hostPort: p.published, protocol: p.protocol, ...(p.hostIp ? { hostIp: p.hostIp } : {}), kept: true }],
    );
  }
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return [];
  const map = entry as Readonly<Record<string, PassValue>>;
  const published = typeof map.published === 'number' ? map.published : Number(map.published);
  if (!Number.isInteger(published) || published <= 0 || published > 65_535) return [];
  const protocol = String(map.protocol ?? 'tcp').toLowerCase();
  const hostIp = typeof map.host_ip === 'string' && map.host_ip !== '' ? map.host_ip : undefined;
  return [
    {
      hostPort: published,
      protocol: protocol === 'udp' || protocol === 'sctp' ? protocol : 'tcp',
      ...(hostIp ? { hostIp } : {}),
      kept: true,
    },
  ];
}

/** Every host port `c` binds, drawn first. */
export function hostBindings(c: Component): HostBinding[] {
  const out: HostBinding[] = c.publish.map((p) => ({
    hostPort: p.hostPort,
    protocol: componentPort(c, p.port)?.protocol === 'udp' ? 'udp' : 'tcp',
    ...(p.hostIp !== undefined ? { hostIp: p.hostIp } : {}),
    kept: false,
  }));
  const kept = c.passThrough?.ports;
  if (Array.isArray(kept)) for (const entry of kept as readonly PassValue[]) out.push(...keptEntry(entry));
  return out;
}

/** Whether two binds collide: the same port and transport, on overlapping addresses. */
export function bindingsCollide(a: HostBinding, b: HostBinding): boolean {
  return (
    a.hostPort === b.hostPort &&
    a.protocol === b.protocol &&
    (a.hostIp === undefined || b.hostIp === undefined || a.hostIp === b.hostIp)
  );
}
