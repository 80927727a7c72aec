import type { PortSpec } from '../compose/ports';

/**
 * `0.0.0.0:443:443` beside `[::]:443:443` is what Docker does for a bare `443:443` — one socket on
 * every IPv4 and one on every IPv6 address — and it is how Portolan's export writes a public port
 * (shared/export/binds.ts). The pair is read back as one publish without an address, so an
 * exported deployment imports as the drawing it came from. A lone `0.0.0.0:…` (IPv4 only) or
 * `[::]:…` (IPv6 only) keeps its address: it binds less than every interface.
 */
const ALL = new Set(['0.0.0.0', '::']);

export function foldEveryInterface(ports: readonly PortSpec[]): readonly PortSpec[] {
  const key = (p: PortSpec): string =>
    [p.target, p.published, p.publishedEnd, p.protocol, p.mode, p.name, p.appProtocol].map(String).join('|');
  const families = new Map<string, Set<string>>();
  for (const p of ports) {
    if (p.hostIp === undefined || !ALL.has(p.hostIp)) continue;
    const k = key(p);
    families.set(k, (families.get(k) ?? new Set()).add(p.hostIp));
  }
  const both = new Set([...families].filter(([, ips]) => ips.size === ALL.size).map(([k]) => k));
  if (both.size === 0) return ports;
  const out: PortSpec[] = [];
  const written = new Set<string>();
  for (const p of ports) {
    const k = key(p);
    if (p.hostIp === undefined || !ALL.has(p.hostIp) || !both.has(k)) out.push(p);
    else if (!written.has(k)) {
      written.add(k);
      const { hostIp: _every, ...rest } = p;
      out.push(rest);
    }
  }
  return out;
}
