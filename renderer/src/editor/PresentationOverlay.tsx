import type { TrafficFlow } from '../../../shared/diagram/flows';
import type { Project } from '../../../shared/model/types';
import { LOCK_GLYPH } from '../../../shared/render/icons';
import type { TitleBlock as TitleBlockData } from '../../../shared/render/types';
import { ariaShortcut } from './shortcut-labels';

/**
 * What the customer reads beside the diagram while presenting: the title block (the same fields
 * an exported picture carries) top left, and the current traffic flow top centre. Both are
 * canvas overlays (`data-canvas-overlay`): the fit keeps the drawing clear of them, and the
 * caption keeps one size whatever flow it shows, so stepping never moves the drawing.
 */

export function PresentationTitle({ title }: { readonly title: TitleBlockData }) {
  return (
    <section className="pl-present-title" aria-label="Title" data-canvas-overlay data-testid="presentation-title">
      <h1 className="pl-present-title__name">{title.name}</h1>
      {title.description.trim() !== '' ? (
        <p className="pl-present-title__description" title={title.description}>
          {title.description}
        </p>
      ) : null}
      <p className="pl-present-title__meta">
        <span>{title.date}</span>
        <span aria-hidden="true">·</span>
        <span title="Revision: the first digits of the project file's SHA-256">rev {title.revision}</span>
      </p>
    </section>
  );
}

/** "1 of 7": where the presenter is in the flows (none: the whole deployment). */
export function flowPosition(index: number | null, count: number): string {
  return index === null ? `${count} flow${count === 1 ? '' : 's'}` : `${index + 1} / ${count}`;
}

export function FlowCaption({
  flows,
  index,
  project,
  onStep,
}: {
  readonly flows: readonly TrafficFlow[];
  readonly index: number | null;
  /** The presented project (redacted when redaction is on): names in the caption come from it. */
  readonly project: Project;
  readonly onStep: (delta: 1 | -1) => void;
}) {
  const flow = index === null ? undefined : flows[index];
  const names = new Map(project.components.map((c) => [c.id as string, c.name || c.id] as const));
  const tls = flow ? flow.tlsEnds.map((id) => names.get(id) ?? id) : [];
  return (
    <section
      className={`pl-present-caption${flow ? '' : ' pl-present-caption--idle'}`}
      aria-label="Traffic flow"
      aria-live="polite"
      data-canvas-overlay
      data-testid="flow-caption"
    >
      <div className="pl-present-caption__head">
        <span className="pl-present-caption__position" data-testid="flow-position">
          {flowPosition(index, flows.length)}
        </span>
        <span className="pl-present-caption__title" data-testid="flow-title">
          {flow ? flow.title : flows.length > 0 ? 'Traffic flows' : 'No traffic flows drawn'}
        </span>
        {flows.length > 0 ? (
          <span className="pl-present-caption__steps">
            <button
              type="button"
              className="pl-present-caption__step"
              onClick={() => onStep(-1)}
              aria-label="Previous flow"
              title="Previous flow (←)"
              aria-keyshortcuts={ariaShortcut('previous-flow')}
              data-testid="flow-previous"
            >
              <Chevron left />
            </button>
            <button
              type="button"
              className="pl-present-caption__step"
              onClick={() => onStep(1)}
              aria-label="Next flow"
              title="Next flow (→)"
              aria-keyshortcuts={ariaShortcut('next-flow')}
              data-testid="flow-next"
            >
              <Chevron />
            </button>
          </span>
        ) : null}
      </div>
      {flow ? (
        <>
          <p className="pl-present-caption__summary" title={flow.summary} data-testid="flow-summary">
            {flow.summary}
          </p>
          <p className="pl-present-caption__facts">
            {flow.urls.slice(0, 3).map((url) => (
              <span key={url} className="pl-present-caption__url" title={url}>
                {url}
              </span>
            ))}
            {flow.urls.length > 3 ? <span className="pl-present-caption__more">+{flow.urls.length - 3}</span> : null}
            {tls.length > 0 ? (
              <span className="pl-present-caption__tls" title={`TLS ends at ${tls.join(', ')}`}>
                <LockIcon />
                <span className="pl-present-caption__tls-text" data-testid="flow-tls">
                  TLS ends at {tls.join(', ')}
                </span>
              </span>
            ) : null}
          </p>
        </>
      ) : (
        <p className="pl-present-caption__summary">
          {flows.length > 0
            ? 'Press → to follow each path through the deployment, ← to go back.'
            : 'Connect clients to the entry point and nextauth to its services to see how traffic flows.'}
        </p>
      )}
    </section>
  );
}

function Chevron({ left = false }: { readonly left?: boolean }) {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path
        d={left ? 'M10 3.5 5.5 8l4.5 4.5' : 'M6 3.5 10.5 8 6 12.5'}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.7"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** The padlock the pictures draw where TLS ends. */
export function LockIcon() {
  return (
    <svg viewBox="0 0 10 10" width="12" height="12" aria-hidden="true" focusable="false">
      <path
        d={LOCK_GLYPH.d}
        fill="none"
        stroke="currentColor"
        strokeWidth={LOCK_GLYPH.strokeWidth}
        strokeLinejoin="round"
      />
    </svg>
  );
}
