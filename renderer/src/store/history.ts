import type { Project } from '../../../shared/model/types';

/**
 * Undo history of the document only (selection and viewport are never undone). A
 * transaction (a drag, a burst of typing in one field) collects many updates into one step:
 * the project as it was when the transaction began is what undo returns to.
 */
export interface History {
  readonly past: readonly Project[];
  readonly future: readonly Project[];
  /** Set while a transaction is open: its key and the project before it began. */
  readonly open?: { readonly key: string; readonly before: Project };
}

export const EMPTY_HISTORY: History = { past: [], future: [] };
const LIMIT = 200;

/** Records that `before` was replaced; inside an open transaction only its start counts. */
export function record(history: History, before: Project, key?: string): History {
  if (history.open && key !== undefined && history.open.key === key) return { ...history, future: [] };
  const closed = history.open ? { past: push(history.past, history.open.before) } : { past: history.past };
  if (key !== undefined) return { past: closed.past, future: [], open: { key, before } };
  return { past: push(closed.past, before), future: [] };
}

/** Ends the open transaction, making it one undo step (nothing when it changed nothing). */
export function close(history: History, current: Project): History {
  if (!history.open) return history;
  const { before } = history.open;
  return before === current
    ? { past: history.past, future: history.future }
    : { past: push(history.past, before), future: history.future };
}

export function undo(history: History, current: Project): { history: History; project: Project } | undefined {
  const h = close(history, current);
  const previous = h.past[h.past.length - 1];
  if (previous === undefined) return undefined;
  return { project: previous, history: { past: h.past.slice(0, -1), future: [current, ...h.future] } };
}

export function redo(history: History, current: Project): { history: History; project: Project } | undefined {
  const h = close(history, current);
  const next = h.future[0];
  if (next === undefined) return undefined;
  return { project: next, history: { past: push(h.past, current), future: h.future.slice(1) } };
}

function push(past: readonly Project[], project: Project): readonly Project[] {
  const next = [...past, project];
  return next.length > LIMIT ? next.slice(next.length - LIMIT) : next;
}
