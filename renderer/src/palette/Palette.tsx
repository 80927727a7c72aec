import { useId, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { getKind, KINDS } from '../../../shared/catalog/index';
import type { KindCategory, KindSpec } from '../../../shared/catalog/types';
import { freePosition, type ComponentKind, type Position, type Project } from '../../../shared/model/index';
import { CategoryIcon } from '../CategoryIcon';
import { outerBox } from '../../../shared/diagram/nodes';
import { nodeHeight, snap } from '../canvas/geometry';
import { DROP_MIME, useFreeSpotInView } from '../canvas/viewport';
import { NODE_HEIGHT, NODE_WIDTH } from '../flow';
import { useEditorStore } from '../store/context';
import { HOST_ENTRY, addHostFromPalette, hostEntryMatches } from './HostEntry';
import './palette.css';

/** The drag payload the canvas accepts: the catalog kind to add where it is dropped. */
export const KIND_MIME = DROP_MIME;

interface Group {
  readonly id: string;
  readonly title: string;
  readonly holds: (k: KindSpec) => boolean;
}

const inCategory =
  (category: KindCategory) =>
  (k: KindSpec): boolean =>
    k.category === category && k.kind !== 'container';

/**
 * Palette groups in catalog order, with the headings the architect sees. The custom container
 * is drawn with the data services, but it is not one: it has a group of its own, last.
 */
const GROUPS: readonly Group[] = [
  { id: 'nextauth', title: 'nextAuth', holds: inCategory('nextauth') },
  { id: 'edge', title: 'Edge', holds: inCategory('edge') },
  { id: 'data', title: 'Data', holds: inCategory('data') },
  { id: 'external', title: 'External services', holds: inCategory('external') },
  { id: 'client', title: 'Clients', holds: inCategory('client') },
  { id: 'custom', title: 'Custom', holds: (k) => k.kind === 'container' },
];

const groupTitle = (k: KindSpec): string => GROUPS.find((g) => g.holds(k))?.title ?? '';

/** Every word of the query must appear in the kind's label, id, description or group title. */
export function filterKinds(query: string, kinds: readonly KindSpec[] = KINDS): KindSpec[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...kinds];
  return kinds.filter((k) => {
    const text = `${k.label} ${k.kind} ${k.description} ${groupTitle(k)}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/**
 * Where keyboard-added components go while no canvas is mounted (no viewport to centre in):
 * right of the drawing, level with its middle.
 */
function besideDrawing(components: readonly { readonly position: Position }[]): Position {
  if (components.length === 0) return { x: 0, y: 0 };
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const { position: p } of components) {
    maxX = Math.max(maxX, p.x + NODE_WIDTH);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y + NODE_HEIGHT);
  }
  return { x: maxX + 80 + NODE_WIDTH / 2, y: (minY + maxY) / 2 };
}

/** Where a component added from the palette goes: the nearest free spot to `at` (see freePosition). */
export function freeSpot(at: Position, kind: ComponentKind, project: Project): Position {
  return freePosition(project, at, {
    size: { w: NODE_WIDTH, h: nodeHeight(getKind(kind).ports.length) },
    sizeOf: (c) => outerBox(c),
  });
}

/**
 * The catalog as a searchable list. Items are dragged onto the canvas (payload `KIND_MIME`),
 * or added with Enter or a click in a free spot of the view (`useFreeSpotInView`, so it must
 * render inside the canvas's `<ReactFlowProvider>`). Arrow keys, Home and End move
 * between items; ArrowDown in the search field enters the list.
 */
export function Palette() {
  const store = useEditorStore();
  const spotInView = useFreeSpotInView();
  const [query, setQuery] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const listRef = useRef<HTMLDivElement>(null);
  const searchId = useId();
  const hintId = useId();
  const matches = useMemo(() => filterKinds(query), [query]);
  const groups = useMemo(
    () => GROUPS.map((g) => ({ ...g, kinds: matches.filter(g.holds) })).filter((g) => g.kinds.length > 0),
    [matches],
  );
  const hostShown = useMemo(() => hostEntryMatches(query), [query]);

  const add = (spec: KindSpec) => {
    const state = store.getState();
    if (state.project === null) return;
    const project = state.project;
    // No canvas: beside the drawing, snapped like a drop so every node sits on the same grid.
    const beside = () => {
      const centre = besideDrawing(project.components);
      return freeSpot({ x: snap(centre.x - NODE_WIDTH / 2), y: snap(centre.y - NODE_HEIGHT / 2) }, spec.kind, project);
    };
    // Room in view nearest its centre, on the grid (the view pans only when it has none).
    const position = spotInView({ w: NODE_WIDTH, h: nodeHeight(spec.ports.length) }) ?? beside();
    const id = state.addComponent(spec.kind, position);
    if (id !== undefined) setAnnouncement(`Added ${spec.label}`);
  };

  const addHost = () => {
    if (addHostFromPalette(store) !== undefined) setAnnouncement('Added a host; name it under Hosts in the inspector');
  };

  const items = () => [...(listRef.current?.querySelectorAll<HTMLButtonElement>('[data-palette-item]') ?? [])];

  const onListKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const go = (i: number) => {
      e.preventDefault();
      all[Math.max(0, Math.min(all.length - 1, i))]?.focus();
    };
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') {
      if (at <= 0) {
        e.preventDefault();
        document.getElementById(searchId)?.focus();
      } else go(at - 1);
    } else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(all.length - 1);
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      items()[0]?.focus();
    } else if (e.key === 'Enter' && matches[0] !== undefined) {
      e.preventDefault();
      add(matches[0]);
    } else if (e.key === 'Enter' && hostShown) {
      // Only the Host entry matches ("host", "machine"): Enter adds a host, as a click does.
      e.preventDefault();
      addHost();
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      e.stopPropagation();
      setQuery('');
    }
  };

  const onDragStart = (e: DragEvent<HTMLButtonElement>, kind: ComponentKind) => {
    e.dataTransfer.setData(KIND_MIME, kind);
    e.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <div className="pl-palette" data-testid="palette">
      <div className="pl-palette__head">
        <h2 className="pl-palette__title">Components</h2>
        <div className="pl-palette__search">
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" className="pl-palette__search-icon">
            <circle cx="7" cy="7" r="4.6" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path d="m10.5 10.5 3.3 3.3" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
          <label htmlFor={searchId} className="pl-palette__sr">
            Search components
          </label>
          <input
            id={searchId}
            type="search"
            className="pl-palette__input"
            placeholder="Search components"
            autoComplete="off"
            spellCheck={false}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onSearchKey}
            aria-describedby={hintId}
            data-testid="palette-search"
          />
        </div>
        <p id={hintId} className="pl-palette__hint">
          Drag onto the canvas, or press Enter to add at the centre of the view.
        </p>
      </div>
      <div
        ref={listRef}
        className="pl-palette__list"
        role="group"
        aria-label="Component kinds"
        onKeyDown={onListKey}
        data-testid="palette-list"
      >
        {groups.map((group) => (
          <section key={group.id} className="pl-palette__group" aria-labelledby={`${searchId}-${group.id}`}>
            <h3 id={`${searchId}-${group.id}`} className="pl-palette__heading">
              {group.title}
            </h3>
            <ul className="pl-palette__items">
              {group.kinds.map((spec) => (
                <li key={spec.kind}>
                  <button
                    type="button"
                    draggable
                    data-palette-item
                    className={`pl-palette__item pl-cat-${spec.category}`}
                    onClick={() => add(spec)}
                    onDragStart={(e) => onDragStart(e, spec.kind)}
                    aria-describedby={`${searchId}-${spec.kind}`}
                    title={spec.description}
                    data-testid={`palette-item-${spec.kind}`}
                    data-kind={spec.kind}
                  >
                    <span className="pl-palette__icon">
                      <CategoryIcon category={spec.category} kind={spec.kind} size={16} />
                    </span>
                    <span className="pl-palette__label">{spec.label}</span>
                    {/* Read as the description (aria-describedby), not as part of the name. */}
                    <span id={`${searchId}-${spec.kind}`} className="pl-palette__desc" aria-hidden="true">
                      {spec.description}
                    </span>
                    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" className="pl-palette__grip">
                      <circle cx="5.5" cy="4" r="1.1" />
                      <circle cx="10.5" cy="4" r="1.1" />
                      <circle cx="5.5" cy="8" r="1.1" />
                      <circle cx="10.5" cy="8" r="1.1" />
                      <circle cx="5.5" cy="12" r="1.1" />
                      <circle cx="10.5" cy="12" r="1.1" />
                    </svg>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
        {hostShown ? (
          <section className="pl-palette__group" aria-labelledby={`${searchId}-deployment`}>
            <h3 id={`${searchId}-deployment`} className="pl-palette__heading">
              Deployment
            </h3>
            <ul className="pl-palette__items">
              <li>
                {/* Not draggable: a host is not a node on the canvas (see its description). */}
                <button
                  type="button"
                  data-palette-item
                  className="pl-palette__item pl-palette__item--host"
                  onClick={addHost}
                  aria-describedby={`${searchId}-host`}
                  title={HOST_ENTRY.description}
                  data-testid="palette-item-host"
                >
                  <span className="pl-palette__icon">
                    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                      <rect
                        x="2.5"
                        y="2.5"
                        width="11"
                        height="4.5"
                        rx="1"
                        fill="none"
                        stroke="currentColor"
                        strokeWidth="1.4"
                      />
                      <rect
                        x="2.5"
                        y="9"
                        width="11"
                        height="4.5"
                        rx="1"
                        fill="none"
                        stroke="currentColor"
                        strokeWidth="1.4"
                      />
                      <circle cx="5.2" cy="4.75" r="0.9" fill="currentColor" />
                      <circle cx="5.2" cy="11.25" r="0.9" fill="currentColor" />
                    </svg>
                  </span>
                  <span className="pl-palette__label">{HOST_ENTRY.label}</span>
                  <span id={`${searchId}-host`} className="pl-palette__desc" aria-hidden="true">
                    {HOST_ENTRY.description}
                  </span>
                </button>
              </li>
            </ul>
          </section>
        ) : null}
        {groups.length === 0 && !hostShown ? (
          <p className="pl-palette__empty" role="status">
            No component matches “{query}”.
          </p>
        ) : null}
      </div>
      <div className="pl-palette__sr" role="status" aria-live="polite">
        {announcement}
      </div>
    </div>
  );
}
