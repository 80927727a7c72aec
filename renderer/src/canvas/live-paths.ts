/**
 * Edge paths during a drag, outside React Flow's props. Handing React Flow a new `edges` array
 * makes it rebuild its connection lookup and marker ids for every edge — on every frame of a
 * drag, that was most of the frame at 2,000 components. So during a drag the edges prop stays
 * the same array, and the few edges that move read their path from here instead.
 */
import { useSyncExternalStore } from 'react';
import type { Point } from '../../../shared/diagram/types';

type Paths = ReadonlyMap<string, readonly Point[]>;
const NONE: Paths = new Map();

let current: Paths = NONE;
const listeners = new Set<() => void>();

/** Replaces the live paths (an empty map when no drag is in progress). */
export function setLivePaths(paths: Paths | undefined): void {
  const next = paths && paths.size > 0 ? paths : NONE;
  if (next === current) return;
  const before = current;
  current = next;
  // Only the edges whose path changed re-render: each subscriber compares its own entry.
  if (before.size > 0 || next.size > 0) for (const l of listeners) l();
}

/** Subscribes to changes of the live paths (React's useSyncExternalStore does, per edge). */
export function subscribeLivePaths(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The live path of one edge, or undefined when it is drawn from its props. */
/** The live path of one edge now (undefined: drawn from its props). */
export const livePath = (id: string): readonly Point[] | undefined => current.get(id);

/** The live path of one edge, or undefined when it is drawn from its props. */
export function useLivePath(id: string): readonly Point[] | undefined {
  return useSyncExternalStore(
    subscribeLivePaths,
    () => livePath(id),
    () => undefined,
  );
}
