/**
 * The one list of the editor's actions: id, title, keyboard shortcut and where it applies. The
 * command palette, the page's keyboard handler and the native menu all read it (the menu's
 * layout is in ./menu.ts); the renderer binds what each action does and when it is enabled
 * (renderer/src/editor/commands.ts). An action the renderer has not bound is shown nowhere.
 *
 * Pure data and small functions: imported by the renderer, electron/node and shared/ipc.
 */
import { parseChord, type Chord } from './chord';

/**
 * Where an action applies: while editing, while presenting the diagram, or in both. Its
 * shortcut works only there, and so does running it from the palette or the menu.
 */
export type ActionContext = 'editor' | 'presentation' | 'any';

export interface ShortcutSpec {
  /** The first is the one shown (palette, menu); the others work too (`Mod+Y` for redo). */
  readonly chords: readonly [Chord, ...Chord[]];
  /** On macOS instead of `chords` (its Delete key is Backspace). */
  readonly macChords?: readonly [Chord, ...Chord[]];
  /** Fires with focus in a text field (default: no — the field's own keys win: Ctrl+Z undoes typing). */
  readonly inTextFields?: boolean;
  /** Fires while the command palette is open (default: no). */
  readonly overDialogs?: boolean;
  /**
   * The native menu registers the accelerator, so the shortcut works where the page has no
   * keyboard handler (the welcome screen). Only for keys that never mean anything in a text
   * field; everything else the page handles, and the menu only shows it.
   */
  readonly registerInMenu?: boolean;
  /** A browser tab never receives it (Chromium keeps Ctrl+N): shown only in the desktop app. */
  readonly desktopOnly?: boolean;
}

export interface ActionDefinition {
  readonly id: string;
  /** The palette's title, sentence case (`Save as…`). */
  readonly title: string;
  /** The native menu's label, title case (`Save As…`); default: the title. */
  readonly menuLabel?: string;
  readonly when: ActionContext;
  readonly shortcut?: ShortcutSpec;
  /** Listed in the command palette when bound and enabled (default: yes). */
  readonly inPalette?: boolean;
}

/** Keys that belong to the app wherever focus is: text fields and the command palette included. */
const APP_WIDE = { inTextFields: true, overDialogs: true } as const;

export const ACTIONS = [
  // Files
  {
    id: 'new',
    title: 'New project from a template',
    menuLabel: 'New',
    when: 'any',
    shortcut: { chords: ['Mod+N'], ...APP_WIDE, registerInMenu: true, desktopOnly: true },
  },
  {
    id: 'open',
    title: 'Open project file…',
    menuLabel: 'Open…',
    when: 'any',
    shortcut: { chords: ['Mod+O'], ...APP_WIDE, registerInMenu: true },
  },
  // Existing compose files (with their .env and reverse-proxy configuration) as a new project.
  { id: 'import-compose', title: 'Import compose…', menuLabel: 'Import Compose…', when: 'any' },
  { id: 'save', title: 'Save', when: 'any', shortcut: { chords: ['Mod+S'], ...APP_WIDE } },
  {
    id: 'save-as',
    title: 'Save as…',
    menuLabel: 'Save As…',
    when: 'any',
    shortcut: { chords: ['Mod+Shift+S'], ...APP_WIDE },
  },
  {
    id: 'export',
    title: 'Export deployment files…',
    menuLabel: 'Export Deployment Files…',
    when: 'any',
    shortcut: { chords: ['Mod+E'], ...APP_WIDE },
  },
  {
    id: 'export-diagram',
    title: 'Export diagram…',
    menuLabel: 'Export Diagram…',
    when: 'any',
    shortcut: { chords: ['Mod+Shift+E'], ...APP_WIDE },
  },
  {
    id: 'print',
    title: 'Print diagram…',
    menuLabel: 'Print Diagram…',
    when: 'any',
    shortcut: { chords: ['Mod+P'], ...APP_WIDE },
  },
  // Editing
  { id: 'undo', title: 'Undo', when: 'editor', shortcut: { chords: ['Mod+Z'] } },
  { id: 'redo', title: 'Redo', when: 'editor', shortcut: { chords: ['Mod+Shift+Z', 'Mod+Y'] } },
  { id: 'copy', title: 'Copy', when: 'editor', shortcut: { chords: ['Mod+C'] } },
  { id: 'paste', title: 'Paste', when: 'editor', shortcut: { chords: ['Mod+V'] } },
  { id: 'duplicate', title: 'Duplicate', when: 'editor', shortcut: { chords: ['Mod+D'] } },
  {
    id: 'delete',
    title: 'Delete selection',
    menuLabel: 'Delete Selection',
    when: 'editor',
    shortcut: { chords: ['Delete', 'Backspace'], macChords: ['Backspace', 'Delete'] },
  },
  { id: 'select-none', title: 'Clear selection', when: 'editor', shortcut: { chords: ['Escape'] } },
  {
    id: 'copy-image',
    title: 'Copy diagram as image',
    menuLabel: 'Copy Diagram as Image',
    when: 'any',
    shortcut: { chords: ['Mod+Shift+C'] },
  },
  { id: 'arrange-new', title: 'Arrange new components', menuLabel: 'Arrange New Components', when: 'editor' },
  { id: 'arrange-all', title: 'Arrange all components', menuLabel: 'Arrange All Components', when: 'editor' },
  // View
  {
    id: 'command-palette',
    title: 'Command palette',
    menuLabel: 'Command Palette…',
    when: 'any',
    shortcut: { chords: ['Mod+K'], ...APP_WIDE },
    // The palette does not list itself: it is already open.
    inPalette: false,
  },
  {
    id: 'fit-view',
    title: 'Fit the diagram to the view',
    menuLabel: 'Fit Diagram to Window',
    when: 'any',
    shortcut: { chords: ['Shift+1'] },
  },
  {
    id: 'toggle-palette',
    title: 'Show or hide the palette',
    menuLabel: 'Show or Hide Palette',
    when: 'any',
    shortcut: { chords: ['Mod+B'], ...APP_WIDE },
  },
  {
    id: 'toggle-inspector',
    title: 'Show or hide the inspector',
    menuLabel: 'Show or Hide Inspector',
    when: 'any',
    shortcut: { chords: ['Mod+Alt+B'], ...APP_WIDE },
  },
  {
    id: 'toggle-problems',
    title: 'Show or hide the problems panel',
    menuLabel: 'Show or Hide Problems Panel',
    when: 'any',
    shortcut: { chords: ['Mod+J'], ...APP_WIDE },
  },
  // Presentation
  {
    id: 'present',
    title: 'Present the diagram',
    menuLabel: 'Present',
    when: 'any',
    shortcut: { chords: ['F5'], inTextFields: true },
  },
  {
    id: 'exit-presentation',
    title: 'Leave the presentation',
    when: 'presentation',
    shortcut: { chords: ['Escape'] },
  },
  {
    id: 'next-flow',
    title: 'Next traffic flow',
    menuLabel: 'Next Traffic Flow',
    when: 'presentation',
    // Page Down/Up: what a presentation clicker sends.
    shortcut: { chords: ['ArrowRight', 'PageDown'] },
  },
  {
    id: 'previous-flow',
    title: 'Previous traffic flow',
    menuLabel: 'Previous Traffic Flow',
    when: 'presentation',
    shortcut: { chords: ['ArrowLeft', 'PageUp'] },
  },
  {
    id: 'toggle-redaction',
    title: 'Redact for the audience',
    menuLabel: 'Redact for the Audience',
    when: 'any',
    shortcut: { chords: ['Mod+Shift+R'] },
  },
  {
    id: 'toggle-problem-badges',
    title: 'Show problem badges in presentation',
    menuLabel: 'Show Problem Badges in Presentation',
    when: 'any',
  },
] as const satisfies readonly ActionDefinition[];

export type ActionId = (typeof ACTIONS)[number]['id'];

export const ACTION_IDS: readonly ActionId[] = ACTIONS.map((a) => a.id);

const BY_ID: ReadonlyMap<string, ActionDefinition> = new Map(ACTIONS.map((a) => [a.id, a]));

export function isActionId(value: unknown): value is ActionId {
  return typeof value === 'string' && BY_ID.has(value);
}

export function actionById(id: ActionId): ActionDefinition {
  return BY_ID.get(id)!;
}

/** The chords of an action on this platform, the shown one first; empty when it has none. */
export function chordsOf(id: ActionId, mac: boolean): readonly Chord[] {
  const shortcut = actionById(id).shortcut;
  if (shortcut === undefined) return [];
  return (mac ? shortcut.macChords : undefined) ?? shortcut.chords;
}

/** The chord shown for an action on this platform (palette, menu, tooltips), if it has one. */
export function shownChord(id: ActionId, mac: boolean): Chord | undefined {
  return chordsOf(id, mac)[0];
}

/** Whether an action applies in the current mode. */
export function appliesIn(context: ActionContext, presenting: boolean): boolean {
  return context === 'any' || context === (presenting ? 'presentation' : 'editor');
}

// Every chord is read once here, so a typo in the list fails on load, not on a key press.
for (const action of ACTIONS as readonly ActionDefinition[]) {
  for (const chord of [...(action.shortcut?.chords ?? []), ...(action.shortcut?.macChords ?? [])]) parseChord(chord);
}
