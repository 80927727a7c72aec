import { ENV_NAME_PATTERN } from '../../model/constraints';
import type { Host } from '../../model/types';
import type { EnvEntry, EnvGroup, PlanService } from '../plan';
import type { HostShare } from './host-plan';

/**
 * Each host's `.env` (issue 16): the deployment settings, then only the variables its own compose
 * file reads — its services' secrets and inputs, and a secret another host's service owns that a
 * connection here uses (the database password nextauth's URI names) — then the host addresses.
 * Every value comes from the one plan, so a secret generated once is the same in every file that
 * holds it; each such line says which other hosts hold it, since they must stay equal.
 */

// `${NAME}`, `${NAME:?…}`, `${NAME:-…}` after an odd run of `$` (an even run is compose's escaped `$`).
const REFERENCE = new RegExp(`(\\$+)\\{(${ENV_NAME_PATTERN.source.slice(1, -1)})(?:(?::?[?-])[^}]*)?\\}`, 'g');

/** The `.env` names a compose value reads. */
export function namesReadBy(text: string): string[] {
  return [...text.matchAll(REFERENCE)].filter((m) => m[1]!.length % 2 === 1).map((m) => m[2]!);
}

/** Every `.env` name one host's services read: environment, published bind addresses, aliases, commands. */
export function namesReadOn(services: readonly PlanService[]): Set<string> {
  const out = new Set<string>();
  const read = (text: string) => namesReadBy(text).forEach((n) => out.add(n));
  for (const s of services) {
    read(s.image);
    s.environment.forEach((v) => read(v.composeValue));
    s.ports.forEach((p) => p.binds.forEach(read));
    (s.extraHosts ?? []).forEach(read);
    (s.command ?? []).forEach(read);
  }
  return out;
}

const others = (hosts: readonly Host[]): string =>
  `${hosts.length === 1 ? 'host' : 'hosts'} ${hosts.map((h) => JSON.stringify(h.name)).join(', ')}`;

/**
 * The `.env` groups of every host, by host: `all` is the whole plan's groups (the first is the
 * deployment settings, which every host gets whole).
 */
export function hostEnvGroups(all: readonly EnvGroup[], shares: readonly HostShare[]): Map<Host, EnvGroup[]> {
  const reads = new Map(
    shares.map((s) => [s.host, new Set([...namesReadOn(s.plan.services), ...s.addressInputs.keys()])]),
  );
  const holders = (name: string): Host[] => shares.filter((s) => reads.get(s.host)!.has(name)).map((s) => s.host);
  const shared = (e: EnvEntry, self: Host): EnvEntry => {
    const elsewhere = holders(e.name).filter((h) => h !== self);
    if (elsewhere.length === 0) return e;
    const note = `Also in the .env of ${others(elsewhere)}: keep the same value there.`;
    if (e.comment === undefined) return { ...e, comment: note };
    return { ...e, comment: `${e.comment}${/[.!?:]$/.test(e.comment) ? '' : '.'} ${note}` };
  };
  const out = new Map<Host, EnvGroup[]>();
  for (const share of shares) {
    const read = reads.get(share.host)!;
    const [settings, ...rest] = all;
    const groups: EnvGroup[] = settings === undefined ? [] : [settings];
    for (const g of rest) {
      const entries = g.entries.filter((e) => read.has(e.name)).map((e) => shared(e, share.host));
      if (entries.length > 0) groups.push({ title: g.title, entries });
    }
    const addresses = [...share.addressInputs].sort(([a], [b]) => (a < b ? -1 : 1));
    if (addresses.length > 0)
      groups.push({
        title: 'Host addresses',
        entries: addresses.map(([name, { host, use }]) =>
          shared(
            {
              name,
              value: '',
              comment:
                use === 'bind'
                  ? `Fill in: the IP address of this host (${JSON.stringify(host.name)}) that the other hosts reach; its published ports bind it.`
                  : `Fill in: the IP address of host ${JSON.stringify(host.name)}, which containers here dial.`,
            },
            share.host,
          ),
        ),
      });
    out.set(share.host, groups);
  }
  return out;
}
