import { getKind } from '../catalog/index';
import { hostAddressProblem, hostNameProblem } from '../model/hosts';
import type { ComponentKind, Host, HostId } from '../model/types';
import type { Located } from './located';
import { join, printable, type LocatedMap, type Reader } from './reader';
import type { IdRegistry, Read, Refs } from './read-project';

/**
 * Hosts in the project file (format 6): the project's `hosts` (each `id`, `name`, optional
 * `address`) and a container component's `hosts` (host ids, in the order its replicas are spread
 * over). Host ids share the project's id space (IdRegistry), names are unique case-insensitively
 * and addresses are DNS names or IP addresses (model/hosts.ts holds both checks, which the
 * inspector applies too). A component of a kind that never runs as a container (a client, an
 * internet service) cannot list hosts; a host id no host declares is a dangling reference,
 * reported once every host is read (checkComponentHosts).
 */

const HOST_KEYS = ['id', 'name', 'address'] as const;

export function readHosts(r: Reader, ids: IdRegistry, node: Located | undefined): Host[] {
  const out: Host[] = [];
  r.seq(node, 'hosts', 'hosts').forEach((item, i) => {
    const host = readHost(r, ids, item, join('hosts', i), out);
    if (host !== undefined) out.push(host);
  });
  return out;
}

function readHost(r: Reader, ids: IdRegistry, node: Located, path: string, before: readonly Host[]): Host | undefined {
  const map = r.map(node, path, 'a host');
  if (!map) return undefined;
  r.keys(map, HOST_KEYS, path, 'a host');
  const id = ids.read(map, path, 'host');
  const nameNode = r.required(map, 'name', path, 'a host');
  let name = r.string(nameNode, join(path, 'name'), 'host name');
  if (name !== undefined && nameNode !== undefined) {
    const problem = hostNameProblem(name, { hosts: before });
    if (problem !== undefined) {
      r.report('invalid-value', `host "${printable(name)}": ${problem}`, nameNode.offset, join(path, 'name'));
      name = undefined;
    }
  }
  const addressNode = r.entry(map, 'address')?.value;
  let address = r.string(addressNode, join(path, 'address'), 'host address');
  if (address !== undefined && addressNode !== undefined) {
    const problem = hostAddressProblem(address);
    if (problem !== undefined) {
      r.report('invalid-value', `host address: ${problem}`, addressNode.offset, join(path, 'address'));
      address = undefined;
    }
  }
  if (id === undefined || name === undefined) return undefined;
  return { id: id as HostId, name, ...(address !== undefined ? { address } : {}) };
}

/**
 * A component's `hosts`: the ids as written (each once) with where each stands, in `at` under
 * `hosts[i]` for checkComponentHosts. Undefined when absent, refused on a kind that never runs as
 * a container.
 */
export function readComponentHosts(
  r: Reader,
  map: LocatedMap,
  path: string,
  kind: ComponentKind | undefined,
): { hosts: HostId[]; at: Record<string, number> } | undefined {
  const entry = r.entry(map, 'hosts');
  if (entry === undefined) return undefined;
  const listPath = join(path, 'hosts');
  if (kind !== undefined && !getKind(kind).deployable) {
    r.report(
      'invalid-value',
      `a ${getKind(kind).label} does not run as a container, so it runs on no host (only servers, proxies, data services and custom containers do)`,
      entry.keyOffset,
      listPath,
    );
    return undefined;
  }
  const hosts: HostId[] = [];
  const at: Record<string, number> = {};
  r.seq(entry.value, listPath, 'hosts').forEach((item, i) => {
    const itemPath = join(listPath, i);
    const id = r.string(item, itemPath, 'host id');
    if (id === undefined) return;
    if (hosts.includes(id as HostId)) {
      r.report('invalid-value', `host "${printable(id)}" is listed twice`, item.offset, itemPath);
      return;
    }
    at[`hosts[${hosts.length}]`] = item.offset;
    hosts.push(id as HostId);
  });
  return hosts.length === 0 ? undefined : { hosts, at };
}

/** Reports each host id a component lists that no host declares, where it stands in the file. */
export function checkComponentHosts(
  r: Reader,
  ids: IdRegistry,
  components: readonly Read<{ readonly name: string; readonly hosts?: readonly HostId[] }>[],
): void {
  for (const { value: c, refs } of components) {
    c.hosts?.forEach((id, i) => {
      if (ids.declared.host.has(id)) return;
      const key = `hosts[${i}]`;
      r.report(
        'dangling-reference',
        `component "${printable(c.name)}" runs on host "${printable(id)}", which the project does not declare`,
        (refs as Refs).at[key] ?? 0,
        join(refs.path, key),
      );
    });
  }
}
