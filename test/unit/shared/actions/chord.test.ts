import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ariaKeys,
  ChordError,
  chordText,
  isChord,
  matchesChord,
  parseChord,
  toAccelerator,
  type KeyEventLike,
} from '../../../../shared/actions/chord';
import { eventFor } from '../../../support/key-events';

const key = (k: string, rest: Partial<KeyEventLike> = {}): KeyEventLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...rest,
});

const NAMED = ['F5', 'F12', 'Escape', 'Enter', 'Delete', 'Backspace', 'ArrowLeft', 'ArrowRight', 'PageDown', 'Space'];
const arbitraryChord = fc
  .record({
    mod: fc.boolean(),
    alt: fc.boolean(),
    shift: fc.boolean(),
    key: fc.oneof(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('')), fc.constantFrom(...NAMED)),
  })
  .map(({ mod, alt, shift, key: k }) =>
    [mod ? 'Mod' : null, alt ? 'Alt' : null, shift ? 'Shift' : null, k].filter((p) => p !== null).join('+'),
  );

describe('chord grammar', () => {
  it('reads modifiers and key', () => {
    expect(parseChord('Mod+Shift+S')).toEqual({ mod: true, alt: false, shift: true, key: 'S' });
    expect(parseChord('Mod+Alt+B')).toEqual({ mod: true, alt: true, shift: false, key: 'B' });
    expect(parseChord('F5')).toEqual({ mod: false, alt: false, shift: false, key: 'F5' });
  });

  it.each([
    '',
    '+',
    'Mod+',
    'mod+s',
    'Mod+s',
    'Shift+Mod+S',
    'Mod+Mod+S',
    'Alt+Mod+S',
    'Ctrl+S',
    'Meta+S',
    'Mod+Shift',
    'Mod+SS',
    'Mod+Ä',
    'F13',
    'F0',
    'Esc',
    'Mod++',
    ' Mod+S',
    '__proto__',
    'Mod+S'.repeat(20),
  ])('refuses %j', (chord) => {
    expect(() => parseChord(chord)).toThrow(ChordError);
    expect(isChord(chord)).toBe(false);
  });

  it('refuses what is not text', () => {
    for (const value of [undefined, null, 42, ['Mod+S'], { key: 'S' }]) expect(isChord(value)).toBe(false);
  });
});

describe('chord → accelerator, text, aria', () => {
  it.each([
    ['Mod+Shift+S', 'CmdOrCtrl+Shift+S', 'Ctrl+Shift+S', '⇧⌘S', 'Control+Shift+S', 'Meta+Shift+S'],
    ['Mod+Alt+B', 'CmdOrCtrl+Alt+B', 'Ctrl+Alt+B', '⌥⌘B', 'Control+Alt+B', 'Meta+Alt+B'],
    ['Mod+K', 'CmdOrCtrl+K', 'Ctrl+K', '⌘K', 'Control+K', 'Meta+K'],
    ['Shift+1', 'Shift+1', 'Shift+1', '⇧1', 'Shift+1', 'Shift+1'],
    ['F5', 'F5', 'F5', 'F5', 'F5', 'F5'],
    ['Escape', 'Escape', 'Esc', 'Esc', 'Escape', 'Escape'],
    ['ArrowRight', 'Right', '→', '→', 'ArrowRight', 'ArrowRight'],
    ['Delete', 'Delete', 'Delete', '⌦', 'Delete', 'Delete'],
    ['Backspace', 'Backspace', 'Backspace', '⌫', 'Backspace', 'Backspace'],
  ])('%s', (chord, accelerator, text, macText, aria, macAria) => {
    expect(toAccelerator(chord)).toBe(accelerator);
    expect(chordText(chord, false)).toBe(text);
    expect(chordText(chord, true)).toBe(macText);
    expect(ariaKeys(chord, false)).toBe(aria);
    expect(ariaKeys(chord, true)).toBe(macAria);
  });

  it('every chord makes an accelerator Electron reads, and text without the word Mod', () => {
    const ELECTRON_KEY =
      /^([A-Z0-9]|F([1-9]|1[0-2])|Escape|Enter|Tab|Space|Delete|Backspace|Left|Right|Up|Down|Home|End|PageUp|PageDown)$/;
    fc.assert(
      fc.property(arbitraryChord, (chord) => {
        const parts = toAccelerator(chord).split('+');
        expect(parts.pop()).toMatch(ELECTRON_KEY);
        for (const m of parts) expect(['CmdOrCtrl', 'Alt', 'Shift']).toContain(m);
        expect(chordText(chord, false)).not.toMatch(/Mod/);
        expect(chordText(chord, true)).not.toMatch(/Mod|\+/);
      }),
    );
  });
});

describe('matchesChord', () => {
  it('matches the chord’s own keydown on each platform, and not with one modifier more or less', () => {
    fc.assert(
      fc.property(arbitraryChord, fc.boolean(), (chord, mac) => {
        const event = eventFor(chord, mac);
        expect(matchesChord(chord, event, mac)).toBe(true);
        for (const flip of ['ctrlKey', 'metaKey', 'altKey', 'shiftKey'] as const) {
          expect(matchesChord(chord, { ...event, [flip]: !event[flip] }, mac), flip).toBe(false);
        }
        // The other platform's modifier is not Mod.
        if (parseChord(chord).mod) expect(matchesChord(chord, eventFor(chord, !mac), mac)).toBe(false);
      }),
    );
  });

  it('Mod is Ctrl off macOS and Cmd on it', () => {
    expect(matchesChord('Mod+S', key('s', { ctrlKey: true }), false)).toBe(true);
    expect(matchesChord('Mod+S', key('s', { metaKey: true }), false)).toBe(false);
    expect(matchesChord('Mod+S', key('s', { metaKey: true }), true)).toBe(true);
    expect(matchesChord('Mod+S', key('s', { ctrlKey: true }), true)).toBe(false);
  });

  it('Shift with a digit by the physical key (Shift+1 types ! on a US layout, 1 on AZERTY)', () => {
    expect(matchesChord('Shift+1', key('!', { code: 'Digit1', shiftKey: true }), false)).toBe(true);
    expect(matchesChord('Shift+1', key('1', { code: 'Digit1', shiftKey: true }), false)).toBe(true);
    expect(matchesChord('Shift+1', key('!', { code: 'Digit1' }), false)).toBe(false);
    expect(matchesChord('Shift+1', key('@', { code: 'Digit2', shiftKey: true }), false)).toBe(false);
  });

  it('letters follow the layout; the physical key only when the layout gives no plain letter', () => {
    // Dvorak: the key labelled S is where QWERTY has O.
    expect(matchesChord('Mod+S', key('s', { code: 'KeyO', ctrlKey: true }), false)).toBe(true);
    expect(matchesChord('Mod+O', key('s', { code: 'KeyO', ctrlKey: true }), false)).toBe(false);
    // Cyrillic layout, ⌥ on macOS: no Latin letter, the physical key decides.
    expect(matchesChord('Mod+S', key('ы', { code: 'KeyS', ctrlKey: true }), false)).toBe(true);
    expect(matchesChord('Mod+Alt+B', key('∫', { code: 'KeyB', metaKey: true, altKey: true }), true)).toBe(true);
    // Caps Lock: an upper-case letter without Shift.
    expect(matchesChord('Mod+Z', key('Z', { code: 'KeyZ', ctrlKey: true }), false)).toBe(true);
    expect(matchesChord('Mod+Shift+Z', key('Z', { code: 'KeyZ', ctrlKey: true, shiftKey: true }), false)).toBe(true);
  });

  it('named keys by name; a composing input method never matches', () => {
    expect(matchesChord('Escape', key('Escape'), false)).toBe(true);
    expect(matchesChord('Escape', key('Esc'), false)).toBe(false);
    expect(matchesChord('Space', key(' ', { code: 'Space' }), false)).toBe(true);
    expect(matchesChord('ArrowRight', key('ArrowRight'), true)).toBe(true);
    expect(matchesChord('Mod+S', key('s', { ctrlKey: true, isComposing: true }), false)).toBe(false);
    expect(matchesChord('F5', key('Unidentified', { code: 'F5' }), false)).toBe(false);
  });
});
