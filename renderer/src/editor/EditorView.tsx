import { ReactFlowProvider } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Canvas } from '../canvas/Canvas';
import { ExportDialog } from '../export/ExportDialog';
import { ExportDiagramDialog } from '../picture/ExportDiagramDialog';
import { usePrintPicture } from '../picture/print';
import { Inspector } from '../inspector/Inspector';
import { Palette } from '../palette/Palette';
import { ProblemsPanel } from '../problems/ProblemsPanel';
import { useEditor, useEditorStore } from '../store/context';
import { panelShown } from '../store/editor';
import { CommandPalette } from './CommandPalette';
import { actionBindings, editorActions, paletteCommands, type FileActions } from './commands';
import { AutoFold } from './AutoFold';
import { PanelFold, PanelRail } from './PanelFold';
import { Presentation } from './Presentation';
import { currentHost } from './shortcut-labels';
import { useShortcuts } from './useShortcuts';
import './editor.css';

/**
 * The editor: palette | canvas over the problems panel | inspector, and the dialogs. One
 * React Flow provider around all of it, so the palette can add at the centre of the view.
 * Side panels fold to a rail (by hand, or by themselves when the window is too narrow for the
 * diagram to be read: AutoFold); presentation mode shows the diagram alone.
 */
export function EditorView({ files }: { readonly files: FileActions }) {
  const store = useEditorStore();
  const dialog = useEditor((s) => s.dialog);
  const { palette, inspector, problems, presenting } = useEditor(
    useShallow((s) => ({
      palette: panelShown(s.layout, 'palette'),
      inspector: panelShown(s.layout, 'inspector'),
      problems: panelShown(s.layout, 'problems'),
      presenting: s.layout.presenting,
    })),
  );
  const togglePanel = useEditor((s) => s.togglePanel);
  const actions = useMemo(() => editorActions(store, actionBindings(store, files)), [store, files]);
  const commands = useMemo(() => paletteCommands(actions, currentHost()), [actions]);
  const canvasArea = useRef<HTMLDivElement>(null);
  useShortcuts(actions);
  usePrintPicture(store);
  const classes = [
    'pl-editor',
    palette ? '' : 'pl-editor--no-palette',
    inspector ? '' : 'pl-editor--no-inspector',
    presenting ? 'pl-editor--presenting' : '',
  ].join(' ');
  return (
    <ReactFlowProvider>
      <div className={classes} data-testid="editor">
        {presenting ? null : palette ? (
          <aside className="pl-editor__palette" aria-label="Palette">
            <PanelFold
              panel="palette"
              open
              onToggle={() => togglePanel('palette', false)}
              className="pl-fold--corner"
            />
            <Palette />
          </aside>
        ) : (
          <PanelRail panel="palette" title="Components" onToggle={() => togglePanel('palette', true)} />
        )}
        <main className="pl-editor__main" aria-label="Deployment diagram">
          <div className="pl-editor__canvas" ref={canvasArea}>
            {presenting ? <Presentation /> : <Canvas onStartFromTemplate={files.backToTemplates} />}
          </div>
          {presenting ? null : <ProblemsPanel open={problems} onToggle={() => togglePanel('problems')} />}
        </main>
        {presenting ? null : inspector ? (
          <aside className="pl-editor__inspector" aria-label="Inspector">
            <PanelFold
              panel="inspector"
              open
              onToggle={() => togglePanel('inspector', false)}
              className="pl-fold--corner"
            />
            <Inspector />
          </aside>
        ) : (
          <PanelRail panel="inspector" title="Inspector" onToggle={() => togglePanel('inspector', true)} />
        )}
        <AutoFold canvas={canvasArea} />
        {dialog === 'export' ? <ExportDialog /> : null}
        {dialog === 'export-diagram' ? <ExportDiagramDialog /> : null}
        {dialog === 'commands' ? <CommandPalette commands={commands} /> : null}
      </div>
    </ReactFlowProvider>
  );
}
