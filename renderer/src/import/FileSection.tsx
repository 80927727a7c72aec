import { useId, useRef } from 'react';
import type { ImportPick } from '../bridge';
import { StrokeIcon } from '../StrokeIcon';
import type { DraftEntry } from './draft';
import type { ImportRole } from './drop';

export interface FileSectionProps {
  readonly role: ImportRole;
  readonly title: string;
  readonly hint: string;
  readonly entries: readonly DraftEntry[];
  /** What the file chooser offers (`accept`); the desktop's native dialog has its own filters. */
  readonly accept?: string;
  /** Compose files: numbered and reorderable (they merge in this order). */
  readonly ordered?: boolean;
  readonly empty: string;
  /** Picks through the host's dialog (desktop); without it the page's file chooser opens. */
  readonly pickFromHost?: () => Promise<readonly ImportPick[] | null>;
  readonly onAdd: (picks: readonly ImportPick[]) => void;
  readonly onRemove: (id: string) => void;
  readonly onMove?: (id: string, by: -1 | 1) => void;
}

/** One section of the import dialog: a kind of file, its files in order, and Add… */
export function FileSection(props: FileSectionProps) {
  const { role, title, hint, entries, accept, ordered = false, empty, pickFromHost, onAdd, onRemove, onMove } = props;
  const input = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const add = () => {
    if (pickFromHost === undefined) {
      input.current?.click();
      return;
    }
    void pickFromHost().then((picks) => picks !== null && onAdd(picks));
  };
  return (
    <section className="pl-import__section" aria-labelledby={titleId} data-testid={`import-section-${role}`}>
      <header className="pl-import__section-head">
        <h3 id={titleId} className="pl-import__section-title">
          {title}
          {entries.length > 0 ? <span className="pl-import__count">{entries.length}</span> : null}
        </h3>
        <button type="button" className="pl-button pl-button--small" onClick={add} data-testid={`import-add-${role}`}>
          <StrokeIcon d="M8 3v10M3 8h10" />
          Add…
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          tabIndex={-1}
          aria-hidden="true"
          {...(accept === undefined ? {} : { accept })}
          data-testid={`import-input-${role}`}
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = ''; // the same file can be picked again
            if (files.length > 0) onAdd(files.map((file) => ({ name: file.name, file })));
          }}
        />
      </header>
      <p className="pl-import__hint">{hint}</p>
      {entries.length === 0 ? (
        <p className="pl-import__empty">{empty}</p>
      ) : (
        <ol className="pl-import__files" aria-label={title}>
          {entries.map((entry, index) => (
            <li key={entry.id} className="pl-import__file" data-testid={`import-file-${role}`}>
              {ordered ? (
                <span className="pl-import__order" aria-hidden="true">
                  {index + 1}
                </span>
              ) : null}
              <StrokeIcon className="pl-import__file-icon" d="M4 2h5l3 3v9H4zM9 2v3h3" />
              <span className="pl-import__file-name" title={entry.pick.name}>
                {entry.pick.name}
              </span>
              {ordered && onMove ? (
                <>
                  <button
                    type="button"
                    className="pl-import__icon-button"
                    aria-label={`Move ${entry.pick.name} up`}
                    disabled={index === 0}
                    onClick={() => onMove(entry.id, -1)}
                  >
                    <StrokeIcon d="M8 12V4M4 8l4-4 4 4" />
                  </button>
                  <button
                    type="button"
                    className="pl-import__icon-button"
                    aria-label={`Move ${entry.pick.name} down`}
                    disabled={index === entries.length - 1}
                    onClick={() => onMove(entry.id, 1)}
                  >
                    <StrokeIcon d="M8 4v8M4 8l4 4 4-4" />
                  </button>
                </>
              ) : null}
              <button
                type="button"
                className="pl-import__icon-button"
                aria-label={`Remove ${entry.pick.name}`}
                onClick={() => onRemove(entry.id)}
                data-testid="import-remove"
              >
                <StrokeIcon d="m4 4 8 8M12 4l-8 8" />
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
