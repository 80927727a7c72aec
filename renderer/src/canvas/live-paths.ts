/**
 * What moves during a drag, outside React: the paths of the moved edges and the boxes of the
 * moved labels. Handing React Flow a new `edges` array makes it rebuild its connection lookup
 * and marker ids for every edge, and re-rendering the moved edges and the label layer on every
 * frame took a second React pass per frame; so during a drag the edges and labels the canvas
 * renders stay those of the drawing before it, and each moved element writes its new geometry
 * straight into its own DOM (attached below). When the drag ends every element is put back to
 * its props, and the next render draws the drop's exact geometry.
 */
import type { Point } from '../../../shared/diagram/types';

/** Writes a live value into an element's DOM, or (undefined) its props' value again. */
export type LiveSink<T> = (value: T | undefined) => void;

export interface LiveChannel<T> {
  /** Replaces the live values (undefined or empty: no drag in progress). */
  set(values: ReadonlyMap<string, T> | undefined): void;
  /** The live value of one element now (undefined: drawn from its props). */
  get(id: string): T | undefined;
  /**
   * Attaches an element's sink; it is called at once when the element is live (it mounted
   * during a drag), then on every change of its own value. Returns the detach.
   */
  attach(id: string, sink: LiveSink<T>): () => void;
}

export function liveChannel<T>(): LiveChannel<T> {
  const none: ReadonlyMap<string, T> = new Map();
  let current = none;
  const sinks = new Map<string, Set<LiveSink<T>>>();
  const tell = (id: string, value: T | undefined) => {
    const set = sinks.get(id);
    if (set) for (const sink of set) sink(value);
  };
  return {
    set(values) {
      const next = values && values.size > 0 ? values : none;
      if (next === current) return;
      const before = current;
      current = next;
      // Only the elements whose value changed: the rest of the drawing is not touched.
      for (const [id, value] of next) if (before.get(id) !== value) tell(id, value);
      for (const id of before.keys()) if (!next.has(id)) tell(id, undefined);
    },
    get: (id) => current.get(id),
    attach(id, sink) {
      let set = sinks.get(id);
      if (!set) sinks.set(id, (set = new Set()));
      set.add(sink);
      const value = current.get(id);
      if (value !== undefined) sink(value);
      return () => {
        set.delete(sink);
        if (set.size === 0 && sinks.get(id) === set) sinks.delete(id);
      };
    },
  };
}

/** The moved edges' paths, by edge id. */
export const livePaths: LiveChannel<readonly Point[]> = liveChannel();

/** The moved labels' top-left corners (flow coordinates), by edge id. */
export const liveLabels: LiveChannel<Point> = liveChannel();
