import { addHost, nextHostName } from '../../../shared/model/hosts-ops';
import type { HostId } from '../../../shared/model/types';
import type { EditorStore } from '../store/editor';

/** What the entry says of itself: a host is not drawn as a node, so say where it goes instead. */
export const HOST_ENTRY = {
  label: 'Host',
  description:
    'A machine containers run on. Not a canvas node: it opens under Hosts in the inspector, and its components are outlined on the canvas.',
  /** Words a search matches it by (besides label and description). */
  keywords: 'host machine server node vm deployment docker',
} as const;

/** Whether every word of the palette's query matches the Host entry (as filterKinds does for kinds). */
export function hostEntryMatches(query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const text = `${HOST_ENTRY.label} ${HOST_ENTRY.description} ${HOST_ENTRY.keywords}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

/**
 * Adds a host with a free name (one undo step), shows the project inspector — nothing selected,
 * the inspector panel open — and puts the keyboard in the new host's name field, so the next keys
 * rename it. Returns the new host's id, undefined without a document.
 */
export function addHostFromPalette(store: EditorStore): HostId | undefined {
  const state = store.getState();
  if (state.project === null) return undefined;
  let id: HostId | undefined;
  state.change((p) => {
    const added = addHost(p, { name: nextHostName(p) });
    id = added.id;
    return added.project;
  });
  store.getState().commit();
  store.getState().select({});
  store.getState().togglePanel('inspector', true);
  if (id !== undefined) focusHostName(id);
  return id;
}

/** The name field of host `id` once the inspector shows it (a frame or two after the change). */
function focusHostName(id: HostId, tries = 10): void {
  // Without a page (tests in Node) there is nothing to focus.
  if (typeof requestAnimationFrame !== 'function') return;
  requestAnimationFrame(() => {
    const field = document.querySelector<HTMLInputElement>(`[data-testid="host-name-${CSS.escape(id)}"]`);
    if (field) {
      field.scrollIntoView({ block: 'nearest' });
      field.focus();
      field.select();
    } else if (tries > 0) focusHostName(id, tries - 1);
  });
}
