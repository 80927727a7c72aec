import { useEffect } from 'react';
import { useEditorStore } from '../store/context';
import { isMac, type FileActions } from './commands';

/** Whether keystrokes belong to a text field (then only the app-wide shortcuts apply). */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/**
 * Keyboard shortcuts of the editor, on the window. Undo/redo/copy/paste/delete leave text
 * fields alone (they have their own); save, open, export, the command palette and the layout
 * (fold panels, present) work anywhere.
 */
export function useShortcuts(files: FileActions): void {
  const store = useEditorStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = store.getState();
      if (s.project === null) return;
      const modKey = isMac() ? e.metaKey : e.ctrlKey;
      const key = e.key.toLowerCase();
      const run = (fn: () => unknown) => {
        e.preventDefault();
        void fn();
      };
      if (modKey && key === 'k') return run(() => s.setDialog(s.dialog === 'commands' ? null : 'commands'));
      if (modKey && key === 's') return run(e.shiftKey ? files.saveAs : files.save);
      if (modKey && key === 'o') return run(() => files.open({ fromShortcut: true }));
      if (modKey && key === 'e') return run(() => s.setDialog('export'));
      if (modKey && key === 'b') return run(() => s.togglePanel(e.altKey ? 'inspector' : 'palette'));
      if (modKey && key === 'j') return run(() => s.togglePanel('problems'));
      if (e.key === 'F5' && s.dialog === null) return run(() => s.setPresenting(!s.layout.presenting));
      if (s.dialog !== null || typing(e.target)) return;
      if (key === 'escape' && s.layout.presenting) return run(() => s.setPresenting(false));
      if (e.shiftKey && e.code === 'Digit1' && !modKey) return run(() => s.requestFit());
      if (modKey && key === 'z') return run(() => (e.shiftKey ? s.redo() : s.undo()));
      if (modKey && key === 'y') return run(() => s.redo());
      if (modKey && key === 'c') return run(() => s.copySelection());
      if (modKey && key === 'v') return run(() => s.paste());
      if (modKey && key === 'd') return run(() => s.duplicateSelection());
      if (key === 'escape') return run(() => s.select({}));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, files]);
}
