import { ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import { Canvas } from '../canvas/Canvas';
import { ExportDialog } from '../export/ExportDialog';
import { Inspector } from '../inspector/Inspector';
import { Palette } from '../palette/Palette';
import { ProblemsPanel } from '../problems/ProblemsPanel';
import { useEditor, useEditorStore } from '../store/context';
import { CommandPalette } from './CommandPalette';
import { editorCommands, type FileActions } from './commands';
import { useShortcuts } from './useShortcuts';
import './editor.css';

/**
 * The editor: palette | canvas over the problems panel | inspector, and the dialogs. One
 * React Flow provider around all of it, so the palette can add at the centre of the view.
 */
export function EditorView({ files }: { readonly files: FileActions }) {
  const store = useEditorStore();
  const dialog = useEditor((s) => s.dialog);
  const commands = useMemo(() => editorCommands(store, files), [store, files]);
  useShortcuts(files);
  return (
    <ReactFlowProvider>
      <div className="pl-editor" data-testid="editor">
        <aside className="pl-editor__palette" aria-label="Palette">
          <Palette />
        </aside>
        <main className="pl-editor__main" aria-label="Deployment diagram">
          <div className="pl-editor__canvas">
            <Canvas />
          </div>
          <ProblemsPanel />
        </main>
        <aside className="pl-editor__inspector" aria-label="Inspector">
          <Inspector />
        </aside>
        {dialog === 'export' ? <ExportDialog /> : null}
        {dialog === 'commands' ? <CommandPalette commands={commands} /> : null}
      </div>
    </ReactFlowProvider>
  );
}
