import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate, recentLabel, type MenuItemSpec } from '../../../../electron/node/menu-template';
import { toAccelerator } from '../../../../shared/actions/chord';
import { MENU_ACTION_IDS, MENU_LAYOUT } from '../../../../shared/actions/menu';
import { actionById, shownChord, type ActionId } from '../../../../shared/actions/registry';

/** The native menu is rendered from the action registry (shared/actions): labels, order, accelerators. */

const actions = { command: vi.fn(), openRecent: vi.fn(), clearRecent: vi.fn(), openDocs: vi.fn(), about: vi.fn() };
const ALL = MENU_ACTION_IDS;
const menu = (
  platform: NodeJS.Platform,
  options: { packaged?: boolean; recent?: string[]; available?: readonly ActionId[] } = {},
) =>
  buildMenuTemplate({
    platform,
    packaged: options.packaged ?? true,
    recent: options.recent ?? [],
    available: options.available ?? ALL,
    actions,
  });
const labels = (items: MenuItemSpec[] | undefined) =>
  (items ?? []).map((i) => i.label ?? i.role ?? (i.type === 'separator' ? '-' : '?'));
const find = (items: MenuItemSpec[], label: string) => {
  const item = items.find((i) => i.label === label);
  if (!item) throw new Error(`no ${label}`);
  return item;
};
const everything = (items: MenuItemSpec[]): MenuItemSpec[] =>
  items.flatMap((item) => [item, ...everything(item.submenu ?? [])]);
/** The items that are actions: every item with a click, minus recent files, Clear Recent, docs and About. */
const actionItems = (items: MenuItemSpec[]) =>
  everything(items).filter(
    (i) => i.click !== undefined && !/—|^Clear Recent$|^nextAuth Documentation$|^About Portolan$/.test(i.label ?? ''),
  );
const label = (id: ActionId) => actionById(id).menuLabel ?? actionById(id).title;

describe('menu template', () => {
  it('has File, Edit, View and Help (and the app menu on macOS)', () => {
    expect(labels(menu('linux'))).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(labels(menu('win32'))).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(labels(menu('darwin'))).toEqual(['Portolan', '&File', '&Edit', '&View', '&Help']);
  });

  it('lays out File, Edit and View as the registry says, separators between groups', () => {
    expect(labels(find(menu('linux'), '&File').submenu)).toEqual([
      'New',
      'Open…',
      'Import Compose…',
      'Open Recent',
      '-',
      'Save',
      'Save As…',
      '-',
      'Export Deployment Files…',
      'Export Diagram…',
      'Print Diagram…',
      '-',
      'quit',
    ]);
    expect(labels(find(menu('darwin'), '&File').submenu).slice(-1)).toEqual(['close']);
    expect(labels(find(menu('darwin'), 'Portolan').submenu)).toContain('quit');
    const edit = find(menu('linux'), '&Edit').submenu ?? [];
    expect(labels(edit)).toEqual([
      'Undo',
      'Redo',
      '-',
      'cut',
      'copy',
      'paste',
      'selectAll',
      '-',
      'Duplicate',
      'Delete Selection',
      'Copy Diagram as Image',
    ]);
    // The editor keeps its own history: the webContents' undo/redo roles would undo the wrong thing.
    expect(edit.some((i) => i.role === 'undo' || i.role === 'redo')).toBe(false);
  });

  it('shows only the actions the page has bound, and never a stray separator', () => {
    // What the renderer binds today: the new actions (export diagram, print, …) are not implemented yet.
    const bound: ActionId[] = ALL.filter(
      (id) =>
        ![
          'export-diagram',
          'copy-image',
          'print',
          'next-flow',
          'previous-flow',
          'toggle-redaction',
          'toggle-problem-badges',
        ].includes(id),
    );
    const shown = menu('linux', { available: bound });
    expect(labels(find(shown, '&File').submenu)).toEqual([
      'New',
      'Open…',
      'Import Compose…',
      'Open Recent',
      '-',
      'Save',
      'Save As…',
      '-',
      'Export Deployment Files…',
      '-',
      'quit',
    ]);
    const texts = everything(shown).map((i) => i.label);
    for (const id of ALL.filter((a) => !bound.includes(a))) expect(texts, id).not.toContain(label(id));
    // Before the page has said anything: no editor action at all.
    expect(actionItems(menu('linux', { available: [] }))).toEqual([]);
    expect(labels(find(menu('linux', { available: [] }), '&File').submenu)).toEqual(['Open Recent', '-', 'quit']);
  });

  it('never starts, ends or doubles a separator, whatever the page binds', () => {
    fc.assert(
      fc.property(
        fc.subarray([...ALL]),
        fc.constantFrom<NodeJS.Platform>('linux', 'win32', 'darwin'),
        fc.boolean(),
        (available, platform, packaged) => {
          const built = menu(platform, { available, packaged });
          for (const item of everything(built).filter((i) => i.submenu)) {
            const kinds = (item.submenu ?? []).map((i) => i.type === 'separator');
            expect(kinds[0], item.label).not.toBe(true);
            expect(kinds.at(-1), item.label).not.toBe(true);
            expect(kinds.some((sep, i) => sep && kinds[i + 1] === true)).toBe(false);
          }
          // Exactly the bound actions appear, each once.
          expect(actionItems(built).map((i) => i.label)).toEqual(
            MENU_ACTION_IDS.filter((id) => available.includes(id)).map(label),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it.each<NodeJS.Platform>(['linux', 'win32', 'darwin'])(
    'on %s every action item has the registry’s label and accelerator, and sends its id',
    (platform) => {
      const mac = platform === 'darwin';
      const items = actionItems(menu(platform));
      expect(items.map((i) => i.label)).toEqual(MENU_ACTION_IDS.map(label));
      actions.command.mockClear();
      for (const [n, id] of MENU_ACTION_IDS.entries()) {
        const item = items[n]!;
        const chord = shownChord(id, mac);
        if (chord === undefined) {
          expect(item.accelerator, id).toBeUndefined();
          expect(item.registerAccelerator, id).toBeUndefined();
        } else {
          expect(item.accelerator, id).toBe(toAccelerator(chord));
          // The page's keyboard handler runs the chord: the menu only shows it, unless the
          // registry asks the menu to own the key too (it works on the welcome screen then).
          expect(item.registerAccelerator ?? true, id).toBe(actionById(id).shortcut?.registerInMenu === true);
        }
        item.click?.();
      }
      expect(actions.command.mock.calls.map((c) => c[0])).toEqual([...MENU_ACTION_IDS]);
    },
  );

  it('pins the accelerators people know', () => {
    const keys = Object.fromEntries(
      actionItems(menu('linux'))
        .filter((i) => i.accelerator)
        .map((i) => [i.label, [i.accelerator, i.registerAccelerator ?? true]]),
    );
    expect(keys).toMatchObject({
      New: ['CmdOrCtrl+N', true],
      'Open…': ['CmdOrCtrl+O', true],
      Save: ['CmdOrCtrl+S', false],
      'Save As…': ['CmdOrCtrl+Shift+S', false],
      'Export Deployment Files…': ['CmdOrCtrl+E', false],
      'Export Diagram…': ['CmdOrCtrl+Shift+E', false],
      'Print Diagram…': ['CmdOrCtrl+P', false],
      Undo: ['CmdOrCtrl+Z', false],
      Redo: ['CmdOrCtrl+Shift+Z', false],
      'Delete Selection': ['Delete', false],
      'Command Palette…': ['CmdOrCtrl+K', false],
      'Fit Diagram to Window': ['Shift+1', false],
      'Show or Hide Inspector': ['CmdOrCtrl+Alt+B', false],
      Present: ['F5', false],
      'Next Traffic Flow': ['Right', false],
    });
    // macOS's Delete key is Backspace.
    expect(find(everything(menu('darwin')), 'Delete Selection').accelerator).toBe('Backspace');
  });

  it('places every menu action once', () => {
    expect(new Set(ALL).size).toBe(ALL.length);
    expect(MENU_LAYOUT.map((s) => s.label)).toEqual(['&File', '&Edit', '&View']);
  });

  it('View: zoom roles always, reload and developer tools only when unpackaged', () => {
    const view = labels(find(menu('linux'), '&View').submenu);
    expect(view.slice(-6)).toEqual(['-', 'resetZoom', 'zoomIn', 'zoomOut', '-', 'togglefullscreen']);
    expect(labels(find(menu('linux', { packaged: false }), '&View').submenu).slice(-3)).toEqual([
      '-',
      'reload',
      'toggleDevTools',
    ]);
  });

  it('Open Recent lists files (name — folder) and can be cleared', () => {
    const empty = find(find(menu('linux'), '&File').submenu ?? [], 'Open Recent').submenu ?? [];
    expect(empty).toEqual([{ label: 'No Recent Files', enabled: false }]);
    const items =
      find(find(menu('linux', { recent: ['/a/x.yaml', '/b & c/y.yaml'] }), '&File').submenu ?? [], 'Open Recent')
        .submenu ?? [];
    expect(labels(items)).toEqual(['x.yaml — /a', 'y.yaml — /b && c', '-', 'Clear Recent']);
    items[1]?.click?.();
    expect(actions.openRecent).toHaveBeenCalledWith('/b & c/y.yaml');
    items[3]?.click?.();
    expect(actions.clearRecent).toHaveBeenCalled();
    expect(recentLabel('/x.yaml')).toBe('x.yaml — ');
  });

  it('Help links to the nextAuth documentation; About is there on every platform', () => {
    const help = find(menu('linux'), '&Help').submenu ?? [];
    expect(labels(help)).toEqual(['nextAuth Documentation', '-', 'About Portolan']);
    help[0]?.click?.();
    expect(actions.openDocs).toHaveBeenCalled();
    expect(labels(find(menu('darwin'), 'Portolan').submenu)[0]).toBe('About Portolan');
  });
});
