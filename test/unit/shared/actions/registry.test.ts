import { describe, expect, it } from 'vitest';
import { isChord, parseChord } from '../../../../shared/actions/chord';
import { actionForKey, type KeyContext } from '../../../../shared/actions/keys';
import { MENU_ACTION_IDS, MENU_LAYOUT } from '../../../../shared/actions/menu';
import {
  ACTION_IDS,
  ACTIONS,
  actionById,
  appliesIn,
  chordsOf,
  isActionId,
  shownChord,
  type ActionContext,
  type ActionDefinition,
  type ActionId,
} from '../../../../shared/actions/registry';
import { eventFor } from '../../../support/key-events';

const all = ACTIONS as readonly (ActionDefinition & { id: ActionId })[];
const CONTEXTS: readonly ActionContext[] = ['editor', 'presentation', 'any'];
const overlap = (a: ActionContext, b: ActionContext) => a === 'any' || b === 'any' || a === b;
const modes = (when: ActionContext) => [false, true].filter((presenting) => appliesIn(when, presenting));

describe('action registry', () => {
  it('has unique kebab-case ids', () => {
    expect(new Set(ACTION_IDS).size).toBe(ACTION_IDS.length);
    for (const id of ACTION_IDS) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(isActionId('save')).toBe(true);
    for (const value of ['saveAs', 'rm -rf', '', null, 'toString', '__proto__']) expect(isActionId(value)).toBe(false);
  });

  it('spells every chord in the one grammar, each once per action', () => {
    for (const action of all) {
      for (const mac of [false, true]) {
        const chords = chordsOf(action.id, mac);
        for (const chord of chords) expect(isChord(chord), `${action.id}: ${chord}`).toBe(true);
        expect(new Set(chords).size, action.id).toBe(chords.length);
      }
      // A macOS list is the same keys, shown in another order.
      const { chords, macChords } = action.shortcut ?? {};
      if (macChords) expect([...macChords].sort()).toEqual([...(chords ?? [])].sort());
    }
  });

  it.each([false, true])('gives no two actions the same chord where both apply (mac: %s)', (mac) => {
    for (const [i, a] of all.entries()) {
      for (const b of all.slice(i + 1)) {
        if (!overlap(a.when, b.when)) continue;
        const shared = chordsOf(a.id, mac).filter((c) => chordsOf(b.id, mac).includes(c));
        expect(shared, `${a.id} and ${b.id}`).toEqual([]);
      }
    }
  });

  it('has the existing commands and the new ones, with their titles, shortcuts and contexts', () => {
    const expected: [ActionId, string, string | undefined, ActionContext][] = [
      ['save', 'Save', 'Mod+S', 'any'],
      ['save-as', 'Save as…', 'Mod+Shift+S', 'any'],
      ['open', 'Open project file…', 'Mod+O', 'any'],
      ['export', 'Export deployment files…', 'Mod+E', 'any'],
      ['undo', 'Undo', 'Mod+Z', 'editor'],
      ['redo', 'Redo', 'Mod+Shift+Z', 'editor'],
      ['copy', 'Copy', 'Mod+C', 'editor'],
      ['paste', 'Paste', 'Mod+V', 'editor'],
      ['duplicate', 'Duplicate', 'Mod+D', 'editor'],
      ['delete', 'Delete selection', 'Delete', 'editor'],
      ['fit-view', 'Fit the diagram to the view', 'Shift+1', 'any'],
      ['toggle-palette', 'Show or hide the palette', 'Mod+B', 'any'],
      ['toggle-inspector', 'Show or hide the inspector', 'Mod+Alt+B', 'any'],
      ['toggle-problems', 'Show or hide the problems panel', 'Mod+J', 'any'],
      ['present', 'Present the diagram', 'F5', 'any'],
      ['exit-presentation', 'Leave the presentation', 'Escape', 'presentation'],
      ['command-palette', 'Command palette', 'Mod+K', 'any'],
      ['export-diagram', 'Export diagram…', 'Mod+Shift+E', 'any'],
      ['copy-image', 'Copy diagram as image', 'Mod+Shift+C', 'any'],
      ['print', 'Print diagram…', 'Mod+P', 'any'],
      ['next-flow', 'Next traffic flow', 'ArrowRight', 'presentation'],
      ['previous-flow', 'Previous traffic flow', 'ArrowLeft', 'presentation'],
      ['toggle-redaction', 'Redact for the audience', 'Mod+Shift+R', 'any'],
      ['toggle-problem-badges', 'Show problem badges in presentation', undefined, 'any'],
    ];
    for (const [id, title, chord, when] of expected) {
      expect(actionById(id).title, id).toBe(title);
      expect(shownChord(id, false), id).toBe(chord);
      expect(actionById(id).when, id).toBe(when);
    }
    for (const id of ['new', 'select-none', 'arrange-new', 'arrange-all'] as const) expect(isActionId(id)).toBe(true);
    expect(chordsOf('redo', false)).toContain('Mod+Y');
    expect(shownChord('delete', true)).toBe('Backspace');
  });

  it('lets only app-wide keys act in text fields: never a plain key, Shift+digit, undo, copy or paste', () => {
    for (const action of all.filter((a) => a.shortcut?.inTextFields === true)) {
      for (const chord of chordsOf(action.id, false)) {
        const c = parseChord(chord);
        expect(c.mod || /^F\d+$/.test(c.key), `${action.id}: ${chord} would take a key from typing`).toBe(true);
      }
    }
    for (const id of ['undo', 'redo', 'copy', 'paste', 'delete', 'select-none', 'fit-view'] as const) {
      expect(actionById(id).shortcut?.inTextFields, id).not.toBe(true);
    }
  });

  it('lets the menu register only keys that mean nothing in a text field', () => {
    for (const action of all.filter((a) => a.shortcut?.registerInMenu === true)) {
      expect(action.shortcut?.inTextFields, action.id).toBe(true);
      for (const chord of chordsOf(action.id, false)) expect(parseChord(chord).mod, chord).toBe(true);
    }
  });
});

describe('actionForKey: the keyboard handler’s only key table', () => {
  const context = (over: Partial<KeyContext> = {}): KeyContext => ({
    mac: false,
    typing: false,
    dialogOpen: false,
    presenting: false,
    ...over,
  });

  it.each([false, true])('answers every chord of every action with that action, where it applies (mac: %s)', (mac) => {
    let checked = 0;
    for (const action of all) {
      for (const chord of chordsOf(action.id, mac)) {
        for (const presenting of modes(action.when)) {
          expect(actionForKey(eventFor(chord, mac), context({ mac, presenting })), `${chord} → ${action.id}`).toBe(
            action.id,
          );
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('answers nothing where the action does not apply', () => {
    expect(actionForKey(eventFor('ArrowRight', false), context())).toBeNull();
    expect(actionForKey(eventFor('Mod+Z', false), context({ presenting: true }))).toBeNull();
    expect(actionForKey(eventFor('Escape', false), context())).toBe('select-none');
    expect(actionForKey(eventFor('Escape', false), context({ presenting: true }))).toBe('exit-presentation');
  });

  it('in a text field, only app-wide keys; with the palette open, only those marked for it', () => {
    for (const action of all) {
      const chord = shownChord(action.id, false);
      if (chord === undefined) continue;
      for (const presenting of modes(action.when)) {
        const typing = actionForKey(eventFor(chord, false), context({ typing: true, presenting }));
        expect(typing, `${chord} while typing`).toBe(action.shortcut?.inTextFields === true ? action.id : null);
        const dialog = actionForKey(eventFor(chord, false), context({ dialogOpen: true, presenting }));
        expect(dialog, `${chord} over the palette`).toBe(action.shortcut?.overDialogs === true ? action.id : null);
      }
    }
  });

  it('answers no key that is not a chord of the registry', () => {
    const plain = (k: string, code?: string) => ({
      key: k,
      ...(code ? { code } : {}),
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      shiftKey: false,
    });
    for (const event of [plain('a', 'KeyA'), plain('1', 'Digit1'), plain('Enter'), plain('F6'), plain('Tab')]) {
      for (const presenting of [false, true]) expect(actionForKey(event, context({ presenting }))).toBeNull();
    }
    expect(actionForKey({ ...plain('s', 'KeyS'), ctrlKey: true, altKey: true }, context())).toBeNull();
  });
});

describe('menu layout', () => {
  it('places registry actions only, each once, in File, Edit and View', () => {
    expect(MENU_LAYOUT.map((s) => s.menu)).toEqual(['file', 'edit', 'view']);
    expect(new Set(MENU_ACTION_IDS).size).toBe(MENU_ACTION_IDS.length);
    for (const id of MENU_ACTION_IDS) expect(isActionId(id), id).toBe(true);
    for (const section of MENU_LAYOUT) for (const group of section.groups) expect(group.length).toBeGreaterThan(0);
  });

  it('has every file, export and presentation action in the menu', () => {
    for (const id of ['new', 'open', 'save', 'save-as', 'export', 'export-diagram', 'print', 'copy-image'] as const) {
      expect(MENU_ACTION_IDS, id).toContain(id);
    }
    for (const id of ['present', 'next-flow', 'previous-flow', 'toggle-redaction', 'toggle-problem-badges'] as const) {
      expect(MENU_ACTION_IDS, id).toContain(id);
    }
    for (const id of MENU_ACTION_IDS) expect(CONTEXTS).toContain(actionById(id).when);
  });
});
