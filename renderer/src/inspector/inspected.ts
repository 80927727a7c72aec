import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Component, Route } from '../../../shared/model/types';
import { useEditor } from '../store/context';

/**
 * A component as the inspector sees it: everything but its position. Selecting it field by
 * field (shallow) keeps the inspector still while the node is dragged: a move replaces only
 * `position`, and every other field keeps its identity.
 */
export type Inspected = Omit<Component, 'position'>;

export function useInspectedComponent(id: string): Inspected | null {
  return useEditor(
    useShallow((s): Inspected | null => {
      const c = s.project?.components.find((x) => x.id === id);
      if (c === undefined) return null;
      const { position: _position, ...rest } = c;
      return rest;
    }),
  );
}

/** The fields of the other components a route or link names, as one string so drags do not re-render. */
export interface Peer {
  readonly id: Component['id'];
  readonly kind: Component['kind'];
  readonly name: string;
  readonly flavour?: Component['flavour'];
  readonly portOverrides: Component['portOverrides'];
  /** A custom container's own ports (what its routes and links may name). */
  readonly ports?: Component['ports'];
}

export function usePeers(): readonly Peer[] {
  // Components change identity on every drag frame; their names, kinds and ports do not.
  const key = useEditor((s) =>
    JSON.stringify(
      (s.project?.components ?? []).map((c) => [
        c.id,
        c.kind,
        c.name,
        c.flavour ?? null,
        c.portOverrides,
        c.ports ?? null,
      ]),
    ),
  );
  return useMemo(() => parsePeers(key), [key]);
}

function parsePeers(key: string): readonly Peer[] {
  const rows = JSON.parse(key) as [
    Peer['id'],
    Peer['kind'],
    string,
    Peer['flavour'] | null,
    Peer['portOverrides'],
    NonNullable<Peer['ports']> | null,
  ][];
  return rows.map(([id, kind, name, flavour, portOverrides, ports]) => ({
    id,
    kind,
    name,
    portOverrides,
    ...(flavour === null ? {} : { flavour }),
    ...(ports === null ? {} : { ports }),
  }));
}

export function useRoutesVia(id: string): readonly Route[] {
  return useEditor(useShallow((s) => (s.project?.routes ?? []).filter((r) => r.via === id)));
}
