/**
 * Networks → the model's compose networks (Project.networks, Component.networks): the file's
 * top-level networks with their settings as written (driver, internal, ipam, external, name,
 * labels…), each service's networks with its own settings on them (aliases, ipv4_address…), and
 * compose's implicit `default` network wherever a service names none, as docker puts it there.
 * The drawing's zones are still derived from the same facts (zones.ts); the export writes these
 * networks back as they were (shared/export/plan.ts).
 */
import { DEFAULT_NETWORK } from '../../model/constraints';
import type { Component, ComponentId, ComposeNetwork, PassMap, PassValue } from '../../model/types';
import type { CMap } from '../compose/tree';
import { toPlain } from '../compose/tree';
import type { ImportNote } from '../types';
import { scrubKept } from './secret-scrub';
import type { ServiceFacts } from './service-facts';

export interface KeptNetworks {
  readonly networks: readonly ComposeNetwork[];
  /** The components with their networks set. */
  readonly components: readonly Component[];
}

/** A kept `network_mode` puts the service in another namespace: it joins no network (compose refuses both). */
const inNetworkMode = (f: ServiceFacts): boolean => f.kept.some((k) => k.key === 'network_mode');

export function keepNetworks(
  declared: CMap | undefined,
  components: readonly Component[],
  facts: ReadonlyMap<ComponentId, ServiceFacts>,
  secrets: readonly [string, string][],
  notes: ImportNote[],
): KeptNetworks {
  const networks: ComposeNetwork[] = [];
  for (const e of declared?.entries ?? []) {
    const plain = e.value.kind === 'map' && e.value.entries.length > 0 ? toPlain(e.value) : undefined;
    const settings =
      plain === undefined
        ? undefined
        : (scrubKept('networks', `network ${e.key}`, plain as PassValue, e.keyAt, secrets, notes) as PassMap);
    networks.push({ name: e.key, ...(settings !== undefined ? { passThrough: settings } : {}) });
    const keys = settings === undefined ? '' : ` with its settings (${Object.keys(settings).join(', ')})`;
    notes.push({ kind: 'kept', text: `network ${e.key}${keys}`, at: e.keyAt });
  }
  let onDefault = false;
  const out = components.map((c) => {
    const f = facts.get(c.id);
    if (f === undefined || inNetworkMode(f)) return c;
    const names = f.networks?.map((n) => n.name) ?? [DEFAULT_NETWORK];
    if (names.includes(DEFAULT_NETWORK)) onDefault = true;
    const settings = Object.create(null) as Record<string, PassMap>;
    for (const name of names) {
      const s = f.networkSettings[name];
      if (s !== undefined)
        settings[name] = scrubKept(`networks`, `service ${f.service.name}`, s.value, s.at, secrets, notes) as PassMap;
    }
    return {
      ...c,
      networks: names,
      ...(Object.keys(settings).length > 0 ? { networkPassThrough: settings } : {}),
    };
  });
  // compose creates `default` for the services that name no network: the model lists it too.
  if (onDefault && !networks.some((n) => n.name === DEFAULT_NETWORK)) networks.push({ name: DEFAULT_NETWORK });
  return { networks, components: out };
}
