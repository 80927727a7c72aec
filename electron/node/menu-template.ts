/**
 * The native menu as data. Structurally compatible with Electron's
 * `MenuItemConstructorOptions`, so main passes it to `Menu.buildFromTemplate` as is; pure, so
 * tests pin every item, role and accelerator.
 *
 * Which actions appear, where, with which label and shortcut, comes from the action registry
 * (shared/actions: `MENU_LAYOUT`, `ACTIONS`); this file renders it and fills the slots the
 * shell provides itself (recent files, the operating system's roles). Only actions the page
 * has bound (`available`, from `menu:setActions`) are shown.
 *
 * An action is sent to the page as `menu:command` with its id: the editor keeps its own
 * history, so the webContents' undo/redo roles would undo the wrong thing. The page's keyboard
 * handler runs the same chords, so their accelerators are shown but not registered
 * (`registerAccelerator: false`): a key press runs once, and Ctrl+Z inside a text field still
 * undoes typing there. Actions marked `registerInMenu` are registered as well, so their keys
 * work on screens without the editor's keyboard handler (the welcome screen).
 */
import { basename } from 'node:path';
import { toAccelerator } from '../../shared/actions/chord';
import { MENU_LAYOUT, type MenuEntry, type MenuSlot } from '../../shared/actions/menu';
import { actionById, shownChord } from '../../shared/actions/registry';
import type { MenuCommand } from '../../shared/ipc/index';

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
  /** Sends a `menu:command` (an action id) to the page. */
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
  /** The actions the page has bound (`menu:setActions`): only these are shown. */
  readonly available: readonly MenuCommand[];
  readonly actions: MenuActions;
}

const separator: MenuItemSpec = { type: 'separator' };

/** One action as a menu item: the registry's label and shown chord, the click sends its id. */
export function actionItem(id: MenuCommand, mac: boolean, actions: MenuActions): MenuItemSpec {
  const action = actionById(id);
  const chord = shownChord(id, mac);
  return {
    label: action.menuLabel ?? action.title,
    click: () => actions.command(id),
    ...(chord === undefined
      ? {}
      : {
          accelerator: toAccelerator(chord),
          ...(action.shortcut?.registerInMenu === true ? {} : { registerAccelerator: false }),
        }),
  };
}

/** The groups joined by separators; a group with nothing to show leaves no separator behind. */
function joined(groups: readonly MenuItemSpec[][]): MenuItemSpec[] {
  return groups.filter((g) => g.length > 0).flatMap((g, i) => (i === 0 ? g : [separator, ...g]));
}

export function buildMenuTemplate(options: MenuOptions): MenuItemSpec[] {
  const { actions, platform } = options;
  const mac = platform === 'darwin';
  const available = new Set(options.available);

  const recent: MenuItemSpec[] =
    options.recent.length === 0
      ? [{ label: 'No Recent Files', enabled: false }]
      : [
          ...options.recent.map((path) => ({ label: recentLabel(path), click: () => actions.openRecent(path) })),
          separator,
          { label: 'Clear Recent', click: () => actions.clearRecent() },
        ];

  const slots: Readonly<Record<MenuSlot, MenuItemSpec[]>> = {
    recent: [{ label: 'Open Recent', submenu: recent }],
    'close-or-quit': [mac ? { role: 'close' } : { role: 'quit' }],
    'text-editing': [{ role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    zoom: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }],
    fullscreen: [{ role: 'togglefullscreen' }],
    developer: options.packaged ? [] : [{ role: 'reload' }, { role: 'toggleDevTools' }],
  };
  const render = (entry: MenuEntry): MenuItemSpec[] => {
    if (typeof entry !== 'string') return slots[entry.slot];
    return available.has(entry) ? [actionItem(entry, mac, actions)] : [];
  };

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

  const sections: MenuItemSpec[] = MENU_LAYOUT.map((section) => ({
    label: section.label,
    submenu: joined(section.groups.map((group) => group.flatMap(render))),
  }));

  const help: MenuItemSpec = {
    label: '&Help',
    role: 'help',
    submenu: [{ label: 'nextAuth Documentation', click: () => actions.openDocs() }, ...(mac ? [] : [separator, about])],
  };

  return [...appMenu, ...sections, help];
}

/** A recent entry: the file name, then its folder, so two files of the same name differ. */
export function recentLabel(path: string): string {
  const name = basename(path);
  const folder = path.slice(0, Math.max(0, path.length - name.length - 1));
  // `&` would become a mnemonic on Windows and Linux.
  return `${name} — ${folder}`.replace(/&/g, '&&');
}
