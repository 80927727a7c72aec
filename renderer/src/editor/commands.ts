import { MENU_ACTION_IDS } from '../../../shared/actions/menu';
import { ACTIONS, actionById, appliesIn, type ActionId } from '../../../shared/actions/registry';
import type { MenuCommand } from '../../../shared/ipc/index';
import { arrange } from '../canvas/viewport';
import { copyDiagramImage, printDiagram } from '../picture/actions';
import type { EditorStore } from '../store/editor';
import { shortcutLabel, type KeyHost } from './shortcut-labels';
import { focusedElement, hasOwnUndo } from './text-field';

/** Where an action was asked for: its shortcut, the native menu or the command palette. */
export type ActionSource = 'keys' | 'menu' | 'palette';

/**
 * What an action of the registry (shared/actions/registry.ts) does in this editor. Ids, titles,
 * shortcuts and menu places live in the registry; only what runs, and when it can, lives here.
 */
export interface ActionBinding {
  /** Whether it can run now (the registry's `when` — editing or presenting — is checked besides). */
  readonly enabled: () => boolean;
  readonly run: (source: ActionSource) => unknown;
  /**
   * What the menu item does while focus is in a text field: the field's own undo or redo, as
   * everywhere else on the desktop (the shortcut never reaches the action there).
   */
  readonly inTextField?: () => void;
}

/**
 * An action without a binding is not implemented: the palette does not list it, the keyboard
 * handler lets its keys through and the native menu does not show it.
 */
export type ActionBindings = Partial<Readonly<Record<ActionId, ActionBinding>>>;

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
  /** Opens the import dialog (compose files → a new project). */
  readonly importCompose?: () => void;
}

/** The focused field's own undo or redo (execCommand acts on the field with focus). */
const fieldCommand = (command: 'undo' | 'redo') => () => void document.execCommand(command);

/** The editor's bindings: what each action of the registry does here, and when it can. */
export function actionBindings(store: EditorStore, files: FileActions): ActionBindings {
  const s = () => store.getState();
  const hasProject = () => s().project !== null;
  const hasSelection = () => {
    const { components, links, routes } = s().selection;
    return components.length + links.length + routes.length > 0;
  };
  const hasComponents = () => (s().project?.components.length ?? 0) > 0;
  const selectsComponents = () => s().selection.components.length > 0;
  const always = () => true;
  const isPresenting = () => s().layout.presenting;
  return {
    new: { enabled: hasProject, run: () => files.backToTemplates() },
    open: { enabled: always, run: (source) => files.open(source === 'keys' ? { fromShortcut: true } : undefined) },
    'import-compose': { enabled: () => files.importCompose !== undefined, run: () => files.importCompose?.() },
    save: { enabled: hasProject, run: () => files.save() },
    'save-as': { enabled: hasProject, run: () => files.saveAs() },
    export: { enabled: hasProject, run: () => s().setDialog('export') },
    undo: {
      enabled: () => s().history.past.length > 0 || s().history.open !== undefined,
      run: () => s().undo(),
      inTextField: fieldCommand('undo'),
    },
    redo: { enabled: () => s().history.future.length > 0, run: () => s().redo(), inTextField: fieldCommand('redo') },
    copy: { enabled: selectsComponents, run: () => s().copySelection() },
    paste: { enabled: () => (s().clipboard?.components.length ?? 0) > 0, run: () => s().paste() },
    duplicate: { enabled: selectsComponents, run: () => s().duplicateSelection() },
    delete: { enabled: hasSelection, run: () => s().deleteSelection() },
    'select-none': { enabled: hasSelection, run: () => s().select({}) },
    'arrange-new': { enabled: hasComponents, run: () => arrange(store, false) },
    'arrange-all': { enabled: hasComponents, run: () => arrange(store, true) },
    'command-palette': {
      enabled: hasProject,
      run: () => s().setDialog(s().dialog === 'commands' ? null : 'commands'),
    },
    'fit-view': { enabled: hasProject, run: () => s().requestFit() },
    'toggle-palette': { enabled: hasProject, run: () => s().togglePanel('palette') },
    'toggle-inspector': { enabled: hasProject, run: () => s().togglePanel('inspector') },
    'toggle-problems': { enabled: hasProject, run: () => s().togglePanel('problems') },
    present: { enabled: hasProject, run: () => s().setPresenting(!s().layout.presenting) },
    'exit-presentation': { enabled: always, run: () => s().setPresenting(false) },
    'export-diagram': { enabled: hasProject, run: () => s().setDialog('export-diagram') },
    'copy-image': { enabled: hasProject, run: () => copyDiagramImage(store) },
    print: { enabled: hasProject, run: () => printDiagram(store) },
    // The keys also step in usePresentationKeys (ahead of React Flow's arrow keys); the menu and palette come here.
    'next-flow': { enabled: isPresenting, run: () => s().stepFlow(1) },
    'previous-flow': { enabled: isPresenting, run: () => s().stepFlow(-1) },
    'toggle-redaction': { enabled: hasProject, run: () => s().toggleRedaction() },
    'toggle-problem-badges': { enabled: hasProject, run: () => s().toggleProblemBadges() },
  };
}

/** The actions as the palette, the keyboard handler and the menu use them. */
export interface EditorActions {
  /** The bound actions, in the registry's order. */
  readonly bound: readonly ActionId[];
  /** Bound, applying in the current mode (editing or presenting), and its own condition holds. */
  enabled(id: ActionId): boolean;
  /** Runs the action if it is enabled; whether it ran. */
  run(id: ActionId, source: ActionSource): boolean;
}

export function editorActions(store: EditorStore, bindings: ActionBindings): EditorActions {
  const applies = (id: ActionId) => appliesIn(actionById(id).when, store.getState().layout.presenting);
  const enabled = (id: ActionId) => {
    const binding = bindings[id];
    return binding !== undefined && applies(id) && binding.enabled();
  };
  return {
    bound: ACTIONS.map((a) => a.id).filter((id) => bindings[id] !== undefined),
    enabled,
    run(id, source) {
      const binding = bindings[id];
      if (binding === undefined) return false;
      // A menu item chosen while typing: the field's own undo, whatever the document's history.
      if (source === 'menu' && binding.inTextField && hasOwnUndo(focusedElement())) {
        binding.inTextField();
        return true;
      }
      if (!enabled(id)) return false;
      void binding.run(source);
      return true;
    },
  };
}

/** What the page offers the native menu: its bound menu actions, in menu order. */
export function menuOffer(actions: EditorActions): MenuCommand[] {
  return MENU_ACTION_IDS.filter((id) => actions.bound.includes(id));
}

/** A line of the command palette. */
export interface Command {
  readonly id: ActionId;
  readonly title: string;
  /** Shown next to the title, e.g. `Ctrl+Z` (`⌘Z` on macOS), from the registry. */
  readonly shortcut?: string;
  readonly enabled: () => boolean;
  readonly run: () => void;
}

/** Every bound action the palette lists, in the registry's order, with the registry's title and shortcut. */
export function paletteCommands(actions: EditorActions, host: KeyHost): Command[] {
  return actions.bound
    .filter((id) => actionById(id).inPalette !== false)
    .map((id) => {
      const shortcut = shortcutLabel(id, host);
      return {
        id,
        title: actionById(id).title,
        ...(shortcut === undefined ? {} : { shortcut }),
        enabled: () => actions.enabled(id),
        run: () => void actions.run(id, 'palette'),
      };
    });
}
