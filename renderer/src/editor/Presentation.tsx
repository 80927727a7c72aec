import { useMemo } from 'react';
import { trafficFlows } from '../../../shared/diagram/flows';
import { saveProject } from '../../../shared/format/index';
import type { Project } from '../../../shared/model/types';
import { revisionOf } from '../../../shared/render/revision';
import type { TitleBlock } from '../../../shared/render/types';
import { localDate } from '../picture/date';
import { pictureProblems } from '../picture/options';
import { useEditor } from '../store/context';
import { PresentationCanvas, presentedDocument } from './PresentationCanvas';
import { PresentationLegend } from './PresentationLegend';
import { FlowCaption, PresentationTitle } from './PresentationOverlay';
import { ariaShortcut, shortcutLabel } from './shortcut-labels';
import { usePresentationKeys } from './usePresentationKeys';
import './presentation.css';

/** The title block of the presented project: the fields (and revision) an exported picture carries. */
function titleOf(presented: Project, documentText: string): TitleBlock {
  return {
    name: presented.meta.name,
    description: presented.meta.description,
    date: localDate(),
    revision: revisionOf(documentText),
  };
}

/**
 * Presentation mode: the diagram alone for a customer meeting, with its title block and legend,
 * the traffic flows to step through (←/→), and the presenter's switches (redaction, problem
 * badges, the way out). The document is never changed here: redaction presents a redacted copy,
 * and pointer and editing keys do nothing to the drawing.
 */
export function Presentation() {
  const project = useEditor((s) => s.project);
  const diagnostics = useEditor((s) => s.diagnostics);
  const audience = useEditor((s) => s.audience);
  const index = useEditor((s) => s.presentedFlow);
  const stepFlow = useEditor((s) => s.stepFlow);
  usePresentationKeys();
  const shown = useMemo(
    () => (project === null ? null : presentedDocument(project, diagnostics, audience)),
    [project, diagnostics, audience],
  );
  // The revision names the document's own file, also when the picture is redacted (as exports do).
  const title = useMemo(
    () => (project === null || shown === null ? null : titleOf(shown.project, saveProject(project))),
    [project, shown],
  );
  // From the presented project: a redacted presentation shows redacted URLs in the caption too.
  const flows = useMemo(() => (shown === null ? [] : trafficFlows(shown.project)), [shown]);
  const problems = useMemo(
    () => (audience.problemBadges ? pictureProblems(diagnostics) : undefined),
    [audience.problemBadges, diagnostics],
  );
  if (shown === null || title === null) return null;
  const flow = index === null ? undefined : flows[index];
  return (
    <>
      <PresentationCanvas shown={shown} flow={flow} />
      <PresentationTitle title={title} />
      <FlowCaption flows={flows} index={flow ? index : null} project={shown.project} onStep={stepFlow} />
      <PresentationLegend project={shown.project} flows={flows} problems={problems} />
      <PresentationBar />
    </>
  );
}

/**
 * The presenter's switches, top right: redaction and problem badges (the same switches the
 * pictures use), and the way out.
 */
export function PresentationBar() {
  const audience = useEditor((s) => s.audience);
  const toggleRedaction = useEditor((s) => s.toggleRedaction);
  const toggleProblemBadges = useEditor((s) => s.toggleProblemBadges);
  const setPresenting = useEditor((s) => s.setPresenting);
  return (
    <div
      className="pl-present"
      role="toolbar"
      aria-label="Presentation"
      data-testid="presentation-bar"
      // The canvas fits the diagram clear of it, like the overlays inside React Flow.
      data-canvas-overlay
    >
      <button
        type="button"
        className="pl-present__switch"
        aria-pressed={audience.redact}
        onClick={() => toggleRedaction()}
        title="Replace host names, addresses, the registry and literal values with placeholders"
        data-testid="presentation-redact"
      >
        <SwitchMark on={audience.redact} />
        Redact
      </button>
      <button
        type="button"
        className="pl-present__switch"
        aria-pressed={audience.problemBadges}
        onClick={() => toggleProblemBadges()}
        title="Show the checker's error and warning badges"
        data-testid="presentation-badges"
      >
        <SwitchMark on={audience.problemBadges} />
        Problem badges
      </button>
      <button
        type="button"
        className="pl-button pl-button--quiet"
        onClick={() => setPresenting(false)}
        aria-keyshortcuts={ariaShortcut('exit-presentation')}
        data-testid="exit-presentation"
      >
        Exit <kbd className="pl-kbd">{shortcutLabel('exit-presentation')}</kbd>
      </button>
    </div>
  );
}

/** A small switch track: the state is also in `aria-pressed`, this only shows it. */
function SwitchMark({ on }: { readonly on: boolean }) {
  return (
    <span className={`pl-present__track${on ? ' is-on' : ''}`} aria-hidden="true">
      <span className="pl-present__thumb" />
    </span>
  );
}
