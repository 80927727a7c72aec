import { arrange } from '../canvas/viewport';
import { type EditorStore, type Panel } from '../store/editor';
import { PANEL_SHORTCUTS, PRESENT_SHORTCUT } from './layout';

const PANEL_TITLES: Readonly<Record<Panel, string>> = {
  palette: 'palette',
  inspector: 'inspector',
  problems: 'problems panel',
};

/** `Control+Alt+B` → `Ctrl+Alt+B` (`⌘⌥B` on macOS), as the palette shows shortcuts. */
function shortcutText(keys: string): string {
  return isMac() ? keys.replace('Control+', '⌘').replace('Alt+', '⌥') : keys.replace('Control', 'Ctrl');
}

/** A command of the palette and the shortcuts: one list, so every action is reachable both ways. */
export interface Command {
  readonly id: string;
  readonly title: string;
  /** Shown next to the title, e.g. `Ctrl+Z` (Cmd on macOS). */
  readonly shortcut?: string;
  readonly enabled: () => boolean;
  readonly run: () => void | Promise<void>;
}

export interface FileActions {
  readonly save: () => Promise<void>;
  readonly saveAs: () => Promise<void>;
  /** `fromShortcut`: Open came from Ctrl/Cmd+O (the browser edition then asks for a click first). */
  readonly open: (options?: { readonly fromShortcut?: boolean }) => Promise<void>;
  readonly backToTemplates: () => void;
  /** Desktop: opens an entry of the recent list (a full path). */
  readonly openRecent?: (entry: string) => Promise<void>;
  /** Opens a project file dropped on the window. */
  readonly openDropped?: (file: File) => Promise<void>;
}

export const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const mod = (): string => (isMac() ? '⌘' : 'Ctrl+');

export function editorCommands(store: EditorStore, files: FileActions): Command[] {
  const s = () => store.getState();
  const hasSelection = () => {
    const { components, links, routes } = s().selection;
    return components.length + links.length + routes.length > 0;
  };
  const m = mod();
  return [
    { id: 'save', title: 'Save', shortcut: `${m}S`, enabled: () => s().project !== null, run: files.save },
    {
      id: 'save-as',
      title: 'Save as…',
      shortcut: `${m}Shift+S`,
      enabled: () => s().project !== null,
      run: files.saveAs,
    },
    { id: 'open', title: 'Open project file…', shortcut: `${m}O`, enabled: () => true, run: () => files.open() },
    {
      id: 'export',
      title: 'Export deployment files…',
      shortcut: `${m}E`,
      enabled: () => s().project !== null,
      run: () => s().setDialog('export'),
    },
    {
      id: 'undo',
      title: 'Undo',
      shortcut: `${m}Z`,
      enabled: () => s().history.past.length > 0 || s().history.open !== undefined,
      run: () => s().undo(),
    },
    {
      id: 'redo',
      title: 'Redo',
      shortcut: `${m}Shift+Z`,
      enabled: () => s().history.future.length > 0,
      run: () => s().redo(),
    },
    {
      id: 'copy',
      title: 'Copy',
      shortcut: `${m}C`,
      enabled: () => s().selection.components.length > 0,
      run: () => s().copySelection(),
    },
    {
      id: 'paste',
      title: 'Paste',
      shortcut: `${m}V`,
      enabled: () => (s().clipboard?.components.length ?? 0) > 0,
      run: () => s().paste(),
    },
    {
      id: 'duplicate',
      title: 'Duplicate',
      shortcut: `${m}D`,
      enabled: () => s().selection.components.length > 0,
      run: () => s().duplicateSelection(),
    },
    {
      id: 'delete',
      title: 'Delete selection',
      shortcut: 'Delete',
      enabled: hasSelection,
      run: () => s().deleteSelection(),
    },
    { id: 'select-none', title: 'Clear selection', shortcut: 'Esc', enabled: hasSelection, run: () => s().select({}) },
    {
      id: 'arrange-new',
      title: 'Arrange new components',
      enabled: () => (s().project?.components.length ?? 0) > 0,
      run: async () => void (await arrange(store, false)),
    },
    {
      id: 'arrange-all',
      title: 'Arrange all components',
      enabled: () => (s().project?.components.length ?? 0) > 0,
      run: async () => void (await arrange(store, true)),
    },
    ...(['palette', 'inspector', 'problems'] as const).map((panel) => ({
      id: `toggle-${panel}`,
      title: `Show or hide the ${PANEL_TITLES[panel]}`,
      shortcut: shortcutText(PANEL_SHORTCUTS[panel]),
      enabled: () => true,
      run: () => s().togglePanel(panel),
    })),
    {
      id: 'fit-view',
      title: 'Fit the diagram to the view',
      shortcut: 'Shift+1',
      enabled: () => s().project !== null,
      run: () => s().requestFit(),
    },
    {
      id: 'present',
      title: 'Present the diagram (Esc to leave)',
      shortcut: PRESENT_SHORTCUT,
      enabled: () => s().project !== null,
      run: () => s().setPresenting(!s().layout.presenting),
    },
    {
      id: 'templates',
      title: 'Back to the templates',
      enabled: () => s().project !== null,
      run: files.backToTemplates,
    },
  ];
}
