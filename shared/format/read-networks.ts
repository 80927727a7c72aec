import { networkNameProblem, networkSettingKeyProblem } from '../model/constraints';
import type { ComposeNetwork, PassMap } from '../model/types';
import type { Located } from './located';
import { readPassThrough } from './read-pass';
import { join, printable, type LocatedMap, type Reader } from './reader';

/**
 * The readers of compose networks (format 3): the project's `networks` (each a `name` and its
 * kept settings) and a component's `networks` (names) with `networkPassThrough` (its kept
 * settings per network: aliases, ipv4_address…). A bad or repeated name is an error here; a
 * component naming a network the project does not declare is the checker's (NA051), so a file
 * the editor saved mid-edit still opens.
 */

const NETWORK_KEYS = ['name', 'passThrough'] as const;

export function readProjectNetworks(r: Reader, node: Located | undefined): ComposeNetwork[] | undefined {
  if (node === undefined) return undefined;
  const out: ComposeNetwork[] = [];
  const seen = new Set<string>();
  r.seq(node, 'networks', 'networks').forEach((item, i) => {
    const at = join('networks', i);
    const map = r.map(item, at, 'a network');
    if (!map) return;
    r.keys(map, NETWORK_KEYS, at, 'a network');
    const nameNode = r.required(map, 'name', at, 'a network');
    const name = r.string(nameNode, join(at, 'name'), 'network name');
    const passThrough = readPassThrough(
      r,
      r.entry(map, 'passThrough')?.value,
      join(at, 'passThrough'),
      'a network',
      networkSettingKeyProblem,
    );
    if (name === undefined || nameNode === undefined || !nameOk(r, name, nameNode, join(at, 'name'))) return;
    if (seen.has(name)) {
      r.report('invalid-value', `network "${printable(name)}" is declared twice`, nameNode.offset, join(at, 'name'));
      return;
    }
    seen.add(name);
    out.push({ name, ...(passThrough !== undefined && Object.keys(passThrough).length > 0 ? { passThrough } : {}) });
  });
  return out;
}

function nameOk(r: Reader, name: string, node: Located, path: string): boolean {
  const problem = networkNameProblem(name);
  if (problem === undefined) return true;
  r.report('invalid-value', `"${printable(name)}" ${problem}`, node.offset, path);
  return false;
}

export interface ComponentNetworks {
  readonly networks?: readonly string[];
  readonly networkPassThrough?: Readonly<Record<string, PassMap>>;
}

export function readComponentNetworks(r: Reader, map: LocatedMap, path: string): ComponentNetworks {
  const listNode = r.entry(map, 'networks')?.value;
  let networks: string[] | undefined;
  if (listNode !== undefined) {
    networks = [];
    r.seq(listNode, join(path, 'networks'), 'networks').forEach((item, i) => {
      const at = join(join(path, 'networks'), i);
      const name = r.string(item, at, 'network name');
      if (name === undefined || !nameOk(r, name, item, at)) return;
      if (networks!.includes(name))
        r.report('invalid-value', `network "${printable(name)}" is listed twice`, item.offset, at);
      else networks!.push(name);
    });
  }
  const settingsPath = join(path, 'networkPassThrough');
  const settingsNode = r.entry(map, 'networkPassThrough')?.value;
  const settings = readPassThrough(
    r,
    settingsNode,
    settingsPath,
    'a component',
    (key) => {
      const problem = networkNameProblem(key);
      if (problem !== undefined) return problem;
      return networks?.includes(key) === true ? undefined : 'names a network the component is not on (see networks)';
    },
    (_key, value) =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? undefined
        : 'must be a mapping of the settings on that network (aliases, ipv4_address, …)',
  );
  return {
    ...(networks !== undefined ? { networks } : {}),
    ...(settings !== undefined && Object.keys(settings).length > 0
      ? { networkPassThrough: settings as Record<string, PassMap> }
      : {}),
  };
}
