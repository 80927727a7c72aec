/**
 * The native menu as data. Structurally compatible with Electron's
 * `MenuItemConstructorOptions`, so main passes it to `Menu.buildFromTemplate` as is; pure, so
 * tests pin every item, role and accelerator.
 *
 * Editor commands (undo, redo, save, export, …) are sent to the page as `menu:command`: the
 * editor keeps its own history, so the webContents' undo/redo roles would undo the wrong
 * thing. Shortcuts the editor already handles itself are shown but not registered
 * (`registerAccelerator: false`) so a key press runs once, and Ctrl+Z inside a text field
 * still undoes typing there.
 */
import type { MenuCommand } from '../../shared/ipc/index';
import { basename } from 'node:path';

export interface MenuItemSpec {
  readonly label?: string;
  readonly role?: string;
  readonly type?: 'normal' | 'separator' | 'submenu';
  readonly accelerator?: string;
  readonly registerAccelerator?: boolean;
  readonly enabled?: boolean;
  readonly submenu?: MenuItemSpec[];
  readonly click?: () => void;
}

export interface MenuActions {
  /** Sends a `menu:command` to the page. */
  command(command: MenuCommand): void;
  openRecent(path: string): void;
  clearRecent(): void;
  openDocs(): void;
  about(): void;
}

export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  /**
   * `app.isPackaged`. A start from the source tree adds Reload and Toggle Developer Tools to
   * View; a packaged build has neither (its windows also have `devTools: false`).
   */
  readonly packaged: boolean;
  readonly recent: readonly string[];
  readonly actions: MenuActions;
}

/** Shortcuts the editor handles in the page (see renderer/src/editor): shown, not registered. */
export const EDITOR_SHORTCUTS: Partial<Record<MenuCommand, string>> = {
  undo: 'CmdOrCtrl+Z',
  redo: 'CmdOrCtrl+Shift+Z',
  save: 'CmdOrCtrl+S',
  export: 'CmdOrCtrl+E',
  commandPalette: 'CmdOrCtrl+K',
};

/** Shortcuts only the menu provides. */
export const MENU_SHORTCUTS: Partial<Record<MenuCommand, string>> = {
  new: 'CmdOrCtrl+N',
  open: 'CmdOrCtrl+O',
  saveAs: 'CmdOrCtrl+Shift+S',
};

const separator: MenuItemSpec = { type: 'separator' };

export function buildMenuTemplate(options: MenuOptions): MenuItemSpec[] {
  const { actions, platform } = options;
  const mac = platform === 'darwin';
  const command = (label: string, name: MenuCommand): MenuItemSpec => {
    const editor = EDITOR_SHORTCUTS[name];
    const own = MENU_SHORTCUTS[name];
    return {
      label,
      click: () => actions.command(name),
      ...(editor !== undefined ? { accelerator: editor, registerAccelerator: false } : {}),
      ...(own !== undefined ? { accelerator: own } : {}),
    };
  };

  const recent: MenuItemSpec[] =
    options.recent.length === 0
      ? [{ label: 'No Recent Files', enabled: false }]
      : [
          ...options.recent.map((path) => ({ label: recentLabel(path), click: () => actions.openRecent(path) })),
          separator,
          { label: 'Clear Recent', click: () => actions.clearRecent() },
        ];

  const about: MenuItemSpec = { label: 'About Portolan', click: () => actions.about() };

  const appMenu: MenuItemSpec[] = mac
    ? [
        {
          label: 'Portolan',
          submenu: [
            about,
            separator,
            { role: 'services' },
            separator,
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            separator,
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const file: MenuItemSpec = {
    label: '&File',
    submenu: [
      command('New', 'new'),
      command('Open…', 'open'),
      { label: 'Open Recent', submenu: recent },
      separator,
      command('Save', 'save'),
      command('Save As…', 'saveAs'),
      separator,
      command('Export…', 'export'),
      ...(mac ? [separator, { role: 'close' }] : [separator, { role: 'quit' }]),
    ],
  };

  const edit: MenuItemSpec = {
    label: '&Edit',
    submenu: [
      command('Undo', 'undo'),
      command('Redo', 'redo'),
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemSpec = {
    label: '&View',
    submenu: [
      command('Command Palette…', 'commandPalette'),
      command('Fit Diagram to Window', 'fitView'),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      ...(options.packaged ? [] : [separator, { role: 'reload' }, { role: 'toggleDevTools' }]),
    ],
  };

  const help: MenuItemSpec = {
    label: '&Help',
    role: 'help',
    submenu: [{ label: 'nextAuth Documentation', click: () => actions.openDocs() }, ...(mac ? [] : [separator, about])],
  };

  return [...appMenu, file, edit, view, help];
}

/** A recent entry: the file name, then its folder, so two files of the same name differ. */
export function recentLabel(path: string): string {
  const name = basename(path);
  const folder = path.slice(0, Math.max(0, path.length - name.length - 1));
  // `&` would become a mnemonic on Windows and Linux.
  return `${name} — ${folder}`.replace(/&/g, '&&');
}
