import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useEditorStore } from '../store/context';
import type { Command } from './commands';

/** Ctrl/Cmd+K: every command, searchable, run with Enter. */
export function CommandPalette({ commands }: { readonly commands: readonly Command[] }) {
  const store = useEditorStore();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return commands.filter((c) => c.enabled() && (q === '' || c.title.toLowerCase().includes(q) || c.id.includes(q)));
  }, [commands, query]);
  useEffect(() => input.current?.focus(), []);
  const close = () => store.getState().setDialog(null);
  const run = (c: Command | undefined) => {
    if (!c) return;
    close();
    void c.run();
  };

  return (
    <div className="pl-overlay" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div
        className="pl-commands"
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        data-testid="command-palette"
      >
        <input
          ref={input}
          className="pl-commands__input"
          placeholder="Type a command…"
          aria-label="Command"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={shown[active] ? `${listId}-${shown[active].id}` : undefined}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((i) => Math.min(i + 1, shown.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((i) => Math.max(i - 1, 0));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              run(shown[active]);
            } else if (e.key === 'Escape' || e.key === 'Tab') {
              e.preventDefault();
              close();
            }
          }}
        />
        <ul className="pl-commands__list" id={listId} role="listbox" aria-label="Commands">
          {shown.length === 0 ? <li className="pl-commands__empty">No command matches “{query}”.</li> : null}
          {shown.map((c, i) => (
            <li
              key={c.id}
              id={`${listId}-${c.id}`}
              role="option"
              aria-selected={i === active}
              className="pl-commands__item"
              data-testid={`command-${c.id}`}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => {
                e.preventDefault();
                run(c);
              }}
            >
              <span>{c.title}</span>
              {c.shortcut ? <kbd>{c.shortcut}</kbd> : null}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
