import { useEffect, useMemo, useState } from 'react';
import { redactProject } from '../../../shared/render/redact';
import type { TrafficFlow } from '../../../shared/diagram/flows';
import type { Project } from '../../../shared/model/types';
import type { Diagnostic } from '../../../shared/rules/index';
import { Canvas } from '../canvas/Canvas';
import { EditorProvider } from '../store/context';
import { createEditorStore, type Audience, type EditorStore } from '../store/editor';
import { flowHighlightCss } from './flow-highlight';

/** What the presentation draws: the document, redacted or not, with its badges or none. */
export interface PresentedDocument {
  readonly project: Project;
  readonly diagnostics: readonly Diagnostic[];
}

const NO_DIAGNOSTICS: readonly Diagnostic[] = [];

/**
 * The presented document: the redacted copy when redaction is on (the document itself never
 * changes), and no diagnostics when problem badges are hidden. Element ids survive redaction,
 * so the document's diagnostics still point at the right elements.
 */
export function presentedDocument(
  project: Project,
  diagnostics: readonly Diagnostic[],
  audience: Audience,
): PresentedDocument {
  return {
    project: audience.redact ? redactProject(project) : project,
    diagnostics: audience.problemBadges ? diagnostics : NO_DIAGNOSTICS,
  };
}

/** A view-only store holding the presented document: nothing the canvas does reaches the real one. */
function viewStore(shown: PresentedDocument): EditorStore {
  const store = createEditorStore();
  const { layout } = store.getState();
  store.setState({
    layout: { ...layout, presenting: true },
    project: shown.project,
    savedProject: shown.project,
    diagnostics: shown.diagnostics,
  });
  return store;
}

/**
 * The canvas while presenting. It draws from a store of its own (so redaction and hidden badges
 * need nothing from the canvas), inside a scope that dims everything but the current traffic
 * flow (flow-highlight.ts) and, through presentation.css, takes handles and pointer interaction
 * away: clicks neither select nor move.
 */
export function PresentationCanvas({
  shown,
  flow,
}: {
  readonly shown: PresentedDocument;
  readonly flow: TrafficFlow | undefined;
}) {
  const [store] = useState(() => viewStore(shown));
  useEffect(() => {
    const state = store.getState();
    if (state.project !== shown.project)
      // Another project object: the canvas takes it as a document just opened and fits it again.
      store.setState({ project: shown.project, savedProject: shown.project, diagnostics: shown.diagnostics });
    else if (state.diagnostics !== shown.diagnostics) store.setState({ diagnostics: shown.diagnostics });
  }, [store, shown]);
  const css = useMemo(() => (flow === undefined ? '' : flowHighlightCss(flow)), [flow]);
  return (
    <div className={`pl-present-canvas${flow ? ' pl-present-flow' : ''}`} data-testid="presentation-canvas">
      {css ? <style data-testid="presentation-flow-style">{css}</style> : null}
      <EditorProvider store={store}>
        <Canvas />
      </EditorProvider>
    </div>
  );
}
