/**
 * The project-wide settings of the x-portolan block (portolan-extension-read.ts): the TLS policy,
 * the WebSocket capacity and the hosts, each read as the project file writes it.
 */
import { CAPACITY_KEYS } from '../../format/read-capacity';
import { TLS_PROFILES_READ } from '../../format/read-tls';
import { WEBSOCKET_CLIENTS } from '../../model/capacity';
import { ID_PATTERN } from '../../model/constraints';
import { hostAddressProblem, hostNameProblem } from '../../model/hosts';
import type { CapacitySettings, Host, HostId, TlsSettings } from '../../model/types';
import type { CNode } from '../compose/tree';
import type { SourcePos } from '../types';
import type { BlockReader } from './portolan-extension-reader';

/** The block's `tls` (as the project file writes `settings.tls`, format/read-tls.ts). */
export function tlsSettings(r: BlockReader, node: CNode | undefined): TlsSettings | undefined {
  const map = r.map(node, 'tls');
  if (map === undefined) return undefined;
  r.keys(map, ['profile', 'hsts', 'reason'], 'tls');
  const profile = r.oneOf(r.required(map, 'profile', 'tls'), 'tls.profile', TLS_PROFILES_READ);
  if (profile === undefined) return undefined;
  const hstsMap = r.map(r.entry(map, 'hsts'), 'tls.hsts');
  if (hstsMap !== undefined) r.keys(hstsMap, ['includeSubDomains', 'preload'], 'tls.hsts');
  const sub = hstsMap && r.boolean(r.entry(hstsMap, 'includeSubDomains'), 'tls.hsts.includeSubDomains');
  const preload = hstsMap && r.boolean(r.entry(hstsMap, 'preload'), 'tls.hsts.preload');
  const reason = r.text(r.entry(map, 'reason'), 'tls.reason');
  return {
    profile,
    ...(sub === true || preload === true
      ? {
          hsts: {
            ...(sub === true ? { includeSubDomains: true } : {}),
            ...(preload === true ? { preload: true } : {}),
          },
        }
      : {}),
    ...(reason !== undefined && reason.trim() !== '' ? { reason } : {}),
  };
}

/** A `capacity` of the block (as the project file writes it, format/read-capacity.ts): the figure within its bounds. */
export function capacitySettings(r: BlockReader, node: CNode | undefined, what: string): CapacitySettings | undefined {
  const map = r.map(node, what);
  if (map === undefined) return undefined;
  r.keys(map, CAPACITY_KEYS, what);
  const clients = r.integer(
    r.required(map, 'websocketClients', what),
    `${what}.websocketClients`,
    WEBSOCKET_CLIENTS.min,
    WEBSOCKET_CLIENTS.max,
  );
  return clients === undefined ? undefined : { websocketClients: clients };
}

/**
 * The block's `hosts` (as the project file writes them, format/read-hosts.ts): ids, names unique
 * case-insensitively, addresses DNS names or IP addresses — model/hosts.ts's checks.
 */
export function hostsEntry(r: BlockReader, node: CNode | undefined): (Host & { readonly at: SourcePos })[] {
  const out: (Host & { readonly at: SourcePos })[] = [];
  r.list(node, 'hosts').forEach((item, i) => {
    const what = `hosts[${i}]`;
    const map = r.map(item, what);
    if (map === undefined) return;
    r.keys(map, ['id', 'name', 'address'], what);
    const id = r.text(r.required(map, 'id', what), `${what}.id`, ID_PATTERN);
    const nameNode = r.required(map, 'name', what);
    const name = r.text(nameNode, `${what}.name`);
    const nameProblem = name === undefined ? undefined : hostNameProblem(name, { hosts: out });
    if (nameProblem !== undefined) r.report('invalid-value', `${what}.name: ${nameProblem}`, nameNode!.at);
    const addressNode = r.entry(map, 'address');
    const address = r.text(addressNode, `${what}.address`);
    const addressProblem = address === undefined ? undefined : hostAddressProblem(address);
    if (addressProblem !== undefined) r.report('invalid-value', `${what}.address: ${addressProblem}`, addressNode!.at);
    if (id === undefined || name === undefined || nameProblem !== undefined || addressProblem !== undefined) return;
    out.push({ id: id as HostId, name, ...(address !== undefined ? { address } : {}), at: item.at });
  });
  return out;
}
