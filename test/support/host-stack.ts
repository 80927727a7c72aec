/**
 * Reads a compose export per host (issue 16) as the operators of all its hosts would run it: each
 * host's `.env` filled in (every host address input with that host's IP on a private network,
 * every other empty input with a placeholder), each host's docker-compose.yml interpolated
 * (stack.ts), and a resolver that follows an address a container dials — a service name on its own
 * host, another host's address, or an `extra_hosts` alias — to the service publishing that port.
 */
import { parse } from 'yaml';
import type { ExportFile } from '../../shared/export/index';
import { hostSlugs } from '../../shared/export/hosts/names';
import { isIpAddress } from '../../shared/model/ip-address';
import type { Host, Project } from '../../shared/model/types';
import { interpolate, parseDotenv } from './compose-env';
import { readStack, type Stack } from './stack';

export interface HostStack {
  readonly host: Host;
  readonly slug: string;
  /** The address its published ports bind: its drawn IP, else the one the operator filled in. */
  readonly ip: string;
  readonly stack: Stack;
  /** Each service's `extra_hosts`, interpolated: alias → IP. */
  readonly aliases: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export interface Reached {
  readonly host: Host;
  readonly service: string;
  /** The container port the publish maps to (or the port dialled, on the service's own host). */
  readonly containerPort: number;
}

const operatorIp = (index: number): string => `10.77.0.${index + 1}`;

/** Every host's files, `.env` filled in as an operator would. */
export function readHostStacks(project: Project, files: readonly ExportFile[]): HostStack[] {
  const hosts = project.hosts ?? [];
  const slugs = hostSlugs(hosts);
  const ipOf = new Map(
    hosts.map((h, i) => [h, h.address !== undefined && isIpAddress(h.address) ? h.address : operatorIp(i)]),
  );
  const byVariable = new Map(
    hosts.map((h) => [`PORTOLAN_HOST_${slugs.get(h)!.toUpperCase().replace(/-/g, '_')}_ADDRESS`, h]),
  );
  return hosts.map((host) => {
    const slug = slugs.get(host)!;
    const prefix = `hosts/${slug}/`;
    const own = files
      .filter((f) => f.path.startsWith(prefix))
      .map((f) => ({ path: f.path.slice(prefix.length), contents: f.contents }));
    const filled = own.map((f) => {
      if (f.path !== '.env') return f;
      const lines = f.contents.split('\n').map((l) => {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=$/.exec(l);
        if (m === null || m[1] === 'PORTOLAN_NEXTAUTH_REGISTRY') return l;
        const h = byVariable.get(m[1]!);
        return `${m[1]}=${h !== undefined ? ipOf.get(h)! : 'filled-by-operator'}`;
      });
      return { ...f, contents: lines.join('\n') };
    });
    const stack = readStack(filled);
    const vars = parseDotenv(filled.find((f) => f.path === '.env')?.contents ?? '').vars;
    const doc = parse(filled.find((f) => f.path === 'docker-compose.yml')?.contents ?? '{}') as {
      services?: Record<string, { extra_hosts?: string[] }>;
    };
    const aliases = new Map<string, Map<string, string>>();
    for (const [name, s] of Object.entries(doc.services ?? {})) {
      const map = new Map<string, string>();
      for (const entry of s.extra_hosts ?? []) {
        const text = interpolate(entry, vars);
        const at = text.indexOf(':');
        map.set(text.slice(0, at).toLowerCase(), text.slice(at + 1));
      }
      aliases.set(name, map);
    }
    return { host, slug, ip: ipOf.get(host)!, stack, aliases };
  });
}

/**
 * Where `address:port`, dialled by `service` on host `from`, arrives: a service of that host by
 * name, or the service of another host that publishes `port` on the address the dialled name
 * stands for. Undefined when nothing is there.
 */
export function resolveDial(
  stacks: readonly HostStack[],
  from: HostStack,
  service: string,
  address: string,
  port: number,
): Reached | undefined {
  const a = address.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  // Docker's DNS answers a service name whatever its case.
  const local = [...from.stack.services.keys()].find((n) => n.toLowerCase() === a);
  if (local !== undefined) return { host: from.host, service: local, containerPort: port };
  const aliased = from.aliases.get(service)?.get(a);
  const target = stacks.find((s) =>
    aliased !== undefined ? s.ip === aliased : (s.host.address ?? '').toLowerCase() === a,
  );
  if (target === undefined) return undefined;
  for (const s of target.stack.services.values())
    for (const p of s.ports)
      // Any address but loopback reaches it from another host (the export binds the host's private one).
      if (p.host === port && !(p.ip ?? '').startsWith('127.') && p.ip !== '::1')
        return { host: target.host, service: s.name, containerPort: p.container };
  return undefined;
}
