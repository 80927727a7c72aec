import { useId } from 'react';
import type { Template } from '../../shared/templates';
import type { LoadResult } from '../../shared/format';
import { StrokeIcon } from './StrokeIcon';

export interface TemplateEntry {
  readonly template: Template;
  readonly loaded: LoadResult;
}

export interface RecoveryOffer {
  readonly name: string;
  readonly restore: () => void;
  readonly discard: () => void;
}

interface WelcomeViewProps {
  readonly entries: readonly TemplateEntry[];
  readonly onOpen: (entry: TemplateEntry) => void;
  readonly onOpenFile?: () => void;
  /** Opens the import dialog: existing compose files become a new project. */
  readonly onImport?: (() => void) | undefined;
  /** Opens an entry of `recent` (desktop: full paths); without it the names are shown as text. */
  readonly onOpenRecent?: ((entry: string) => void) | undefined;
  readonly onBlank?: () => void;
  /** Names of recently saved or opened project files. */
  readonly recent?: readonly string[];
  /** Unsaved work from a previous visit, when there is some. */
  readonly recovery?: RecoveryOffer | null;
}

function TemplateIllustration({ id }: { id: Template['id'] }) {
  // Small schematic of each topology: entry point(s) on the left, nextAuth in the middle, data on the right.
  const common = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.5 } as const;
  return (
    <svg className="pl-card__art" viewBox="0 0 120 48" aria-hidden="true">
      {id === 'default' ? (
        <>
          <rect x="4" y="17" width="22" height="14" rx="3" className="pl-art-edge" />
          <rect x="48" y="8" width="24" height="14" rx="3" className="pl-art-core" />
          <rect x="48" y="27" width="24" height="14" rx="3" className="pl-art-core" />
          <rect x="94" y="17" width="22" height="14" rx="3" className="pl-art-data" />
          <path d="M26 24h10l12-9M36 24l12 10M72 15l22 9M72 34l22-10" {...common} />
        </>
      ) : id === 'manual' ? (
        <>
          <rect x="4" y="17" width="22" height="14" rx="3" className="pl-art-edge" />
          <path d="M26 24h22M26 24l22-12M26 24l22 12" {...common} />
          <rect x="48" y="5" width="24" height="11" rx="3" className="pl-art-core" />
          <rect x="48" y="19" width="24" height="11" rx="3" className="pl-art-core" />
          <rect x="48" y="33" width="24" height="11" rx="3" className="pl-art-client" />
          <rect x="94" y="17" width="22" height="14" rx="3" className="pl-art-data" />
          <path d="M72 10l22 12M72 24h22" {...common} />
        </>
      ) : (
        <>
          <rect x="4" y="17" width="22" height="14" rx="3" className="pl-art-edge" />
          <rect x="48" y="4" width="24" height="10" rx="3" className="pl-art-core" />
          <rect x="48" y="19" width="24" height="10" rx="3" className="pl-art-core" />
          <rect x="48" y="34" width="24" height="10" rx="3" className="pl-art-core" />
          <path d="M26 24l22-15M26 24h22M26 24l22 15M72 9l22 13M72 24h22M72 39l22-13" {...common} />
          <rect x="94" y="10" width="22" height="10" rx="3" className="pl-art-data" />
          <rect x="94" y="28" width="22" height="10" rx="3" className="pl-art-data" />
        </>
      )}
    </svg>
  );
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function TemplateCard({ entry, onOpen }: { entry: TemplateEntry; onOpen: (e: TemplateEntry) => void }) {
  const baseId = useId();
  const { template, loaded } = entry;
  const descId = `${baseId}-desc`;
  const statsId = `${baseId}-stats`;
  return (
    <li className="pl-cards__item">
      <button
        type="button"
        className="pl-card"
        onClick={() => onOpen(entry)}
        aria-describedby={`${descId} ${statsId}`}
        data-testid={`template-${template.id}`}
        data-template-id={template.id}
      >
        <TemplateIllustration id={template.id} />
        {/* The title is the card's accessible name (the rest is aria-hidden and read as its description). */}
        <span className="pl-card__title">{template.title}</span>
        {/* Description and counts are read as the card's description, not as part of its name. */}
        <span className="pl-card__desc" id={descId} aria-hidden="true">
          {template.description}
        </span>
        <span className="pl-card__footer" id={statsId} aria-hidden="true">
          {loaded.ok ? (
            <span className="pl-card__stats">
              {plural(loaded.project.components.length, 'component', 'components')} ·{' '}
              {plural(loaded.project.links.length, 'link', 'links')} ·{' '}
              {plural(loaded.project.routes.length, 'public URL', 'public URLs')}
            </span>
          ) : (
            <span className="pl-card__stats pl-card__stats--bad">Template has problems</span>
          )}
          <StrokeIcon className="pl-card__cta" d="M3 8h10M9 4l4 4-4 4" />
        </span>
      </button>
    </li>
  );
}

/** The start screen: pick one of the shipped templates. */
export function WelcomeView({
  entries,
  onOpen,
  onOpenFile,
  onImport,
  onOpenRecent,
  onBlank,
  recent = [],
  recovery = null,
}: WelcomeViewProps) {
  return (
    <main className="pl-welcome" data-testid="welcome">
      <div className="pl-welcome__inner">
        {recovery ? (
          <div className="pl-recovery" role="alert" data-testid="recovery">
            <span>
              Unsaved work from your last session: <strong>{recovery.name}</strong>
            </span>
            <span className="pl-recovery__actions">
              <button type="button" className="pl-button" onClick={recovery.restore} data-testid="recovery-restore">
                Restore
              </button>
              <button type="button" className="pl-button pl-button--quiet" onClick={recovery.discard}>
                Discard
              </button>
            </span>
          </div>
        ) : null}
        <p className="pl-eyebrow">New deployment</p>
        <h1 className="pl-welcome__title">Start from a template</h1>
        <p className="pl-welcome__lead">
          Each template is a complete nextAuth server deployment that follows the documented network rules. Pick the one
          closest to your customer&rsquo;s setup and adapt it.
        </p>
        <ul className="pl-cards" aria-label="Templates" data-testid="template-list">
          {entries.map((entry) => (
            <TemplateCard key={entry.template.id} entry={entry} onOpen={onOpen} />
          ))}
        </ul>
        {onOpenFile ? (
          <section className="pl-welcome__files" aria-label="Project files">
            <button type="button" className="pl-button" onClick={onOpenFile} data-testid="open-file">
              Open a project file…
            </button>
            {onImport ? (
              <button type="button" className="pl-button" onClick={onImport} data-testid="import-compose">
                Import compose files…
              </button>
            ) : null}
            {onBlank ? (
              <button
                type="button"
                className="pl-button pl-button--quiet"
                onClick={onBlank}
                data-testid="blank-project"
              >
                Start from an empty canvas
              </button>
            ) : null}
            {recent.length > 0 && onOpenRecent === undefined ? (
              <p className="pl-welcome__recent">Recent: {recent.slice(0, 5).join(' · ')}</p>
            ) : null}
          </section>
        ) : null}
        {recent.length > 0 && onOpenRecent !== undefined ? (
          <section className="pl-welcome__recent-files" aria-label="Recent files">
            <h2 className="pl-eyebrow">Recent files</h2>
            <ul className="pl-recent" data-testid="recent-list">
              {recent.slice(0, 8).map((entry) => (
                <li key={entry}>
                  <button
                    type="button"
                    className="pl-recent__item"
                    onClick={() => onOpenRecent(entry)}
                    title={entry}
                    data-testid="recent-item"
                  >
                    <span className="pl-recent__name">{baseName(entry)}</span>
                    <span className="pl-recent__path">{folderOf(entry)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </main>
  );
}

/** The file name of a path, whichever separator the platform uses. */
function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The folder part of a path, shown dimmed under the name. */
function folderOf(path: string): string {
  const name = baseName(path);
  return path.length > name.length ? path.slice(0, path.length - name.length - 1) : '';
}
