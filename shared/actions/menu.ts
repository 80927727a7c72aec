/**
 * Where the actions sit in the native menu: which menu, in what order, and the separators
 * (one between groups). Slots stand for the items the desktop shell provides itself — roles of
 * the operating system and the recent-files list — so the whole order is read here, and
 * electron/node/menu-template.ts only renders it.
 */
import type { ActionId } from './registry';

/** Items electron/node/menu-template.ts fills in: not actions of the editor. */
export type MenuSlot =
  /** File › Open Recent, with the recent list and Clear Recent. */
  | 'recent'
  /** Close Window on macOS (Quit is in its app menu), Quit elsewhere. */
  | 'close-or-quit'
  /** Cut, Copy, Paste, Select All for text fields (the operating system's own). */
  | 'text-editing'
  /** The page's zoom: Actual Size, Zoom In, Zoom Out. */
  | 'zoom'
  | 'fullscreen'
  /** Reload and Toggle Developer Tools, only when started from the source tree. */
  | 'developer';

export type MenuEntry = ActionId | { readonly slot: MenuSlot };

export interface MenuSection {
  readonly menu: 'file' | 'edit' | 'view';
  /** With `&` before the Windows/Linux mnemonic letter. */
  readonly label: string;
  /** Groups in order; a separator between two groups that show anything. */
  readonly groups: readonly (readonly MenuEntry[])[];
}

export const MENU_LAYOUT: readonly MenuSection[] = [
  {
    menu: 'file',
    label: '&File',
    groups: [
      ['new', 'open', 'import-compose', { slot: 'recent' }],
      ['save', 'save-as'],
      ['export', 'export-diagram', 'print'],
      [{ slot: 'close-or-quit' }],
    ],
  },
  {
    menu: 'edit',
    label: '&Edit',
    groups: [['undo', 'redo'], [{ slot: 'text-editing' }], ['duplicate', 'delete', 'copy-image']],
  },
  {
    menu: 'view',
    label: '&View',
    groups: [
      ['command-palette'],
      ['fit-view', 'arrange-new', 'arrange-all'],
      ['toggle-palette', 'toggle-inspector', 'toggle-problems'],
      ['present', 'next-flow', 'previous-flow', 'toggle-redaction', 'toggle-problem-badges'],
      [{ slot: 'zoom' }],
      [{ slot: 'fullscreen' }],
      [{ slot: 'developer' }],
    ],
  },
];

/** Every action the menu can show, in menu order: what a `menu:command` may name. */
export const MENU_ACTION_IDS: readonly ActionId[] = MENU_LAYOUT.flatMap((section) =>
  section.groups.flatMap((group) => group.filter((entry): entry is ActionId => typeof entry === 'string')),
);
