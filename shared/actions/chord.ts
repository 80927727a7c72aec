/**
 * Keyboard chords, written once in a platform-neutral form and turned into what each reader
 * needs: an Electron accelerator for the native menu, the text a person reads (per platform),
 * the `aria-keyshortcuts` value, and a match against a keydown event for the page's handler.
 *
 * A chord is `[Mod+][Alt+][Shift+]KEY`, modifiers in that order: `Mod` is Cmd on macOS and Ctrl
 * elsewhere; KEY is one upper-case letter, one digit, or a named key (`F5`, `Escape`,
 * `ArrowRight`, `Delete`, …). One spelling per chord, so two actions on the same keys are two
 * equal strings.
 */

/** A chord in the grammar above, e.g. `Mod+Shift+S`, `Shift+1`, `F5`, `Escape`. */
export type Chord = string;

const NAMED_KEYS = [
  'Escape',
  'Enter',
  'Tab',
  'Space',
  'Delete',
  'Backspace',
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  ...Array.from({ length: 12 }, (_, i) => `F${i + 1}`),
] as const;
type NamedKey = (typeof NAMED_KEYS)[number];
const NAMED = new Set<string>(NAMED_KEYS);
const MODIFIERS = ['Mod', 'Alt', 'Shift'] as const;

export interface ParsedChord {
  readonly mod: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
  /** `A`–`Z`, `0`–`9` or a named key. */
  readonly key: string;
}

export class ChordError extends Error {
  override readonly name = 'ChordError';
}

const parsed = new Map<string, ParsedChord>();

/** Reads a chord; throws ChordError for anything outside the grammar (wrong order, lower case, unknown key). */
export function parseChord(chord: Chord): ParsedChord {
  const known = parsed.get(chord);
  if (known !== undefined) return known;
  const result = readChord(chord);
  // The registry's chords are read on every keydown: once each is enough.
  parsed.set(chord, result);
  return result;
}

function readChord(chord: Chord): ParsedChord {
  if (typeof chord !== 'string' || chord.length === 0 || chord.length > 40) {
    throw new ChordError(`not a chord: ${JSON.stringify(chord)}`);
  }
  const parts = chord.split('+');
  const key = parts.pop()!;
  let next = 0;
  const seen = new Set<string>();
  for (const part of parts) {
    const at = MODIFIERS.indexOf(part as (typeof MODIFIERS)[number]);
    // Each modifier once, in the one order: `Shift+Mod+S` and `Mod+Mod+S` are refused.
    if (at < next) throw new ChordError(`${JSON.stringify(chord)}: modifiers are Mod, Alt, Shift, in that order`);
    seen.add(part);
    next = at + 1;
  }
  if (!/^[A-Z0-9]$/.test(key) && !NAMED.has(key)) {
    throw new ChordError(`${JSON.stringify(chord)}: the key is one of A-Z, 0-9 or ${NAMED_KEYS.join(', ')}`);
  }
  return { mod: seen.has('Mod'), alt: seen.has('Alt'), shift: seen.has('Shift'), key };
}

/** Whether `chord` is in the grammar. */
export function isChord(chord: unknown): chord is Chord {
  try {
    parseChord(chord as Chord);
    return true;
  } catch {
    return false;
  }
}

const ACCELERATOR_KEYS: Partial<Record<NamedKey, string>> = {
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
};

/** The native menu's accelerator: `Mod+Shift+S` → `CmdOrCtrl+Shift+S`, `ArrowRight` → `Right`. */
export function toAccelerator(chord: Chord): string {
  const c = parseChord(chord);
  const key = ACCELERATOR_KEYS[c.key as NamedKey] ?? c.key;
  return [c.mod ? 'CmdOrCtrl' : null, c.alt ? 'Alt' : null, c.shift ? 'Shift' : null, key]
    .filter((p) => p !== null)
    .join('+');
}

const TEXT_KEYS: Partial<Record<NamedKey, string>> = {
  Escape: 'Esc',
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  PageUp: 'PgUp',
  PageDown: 'PgDn',
};
const MAC_TEXT_KEYS: Partial<Record<NamedKey, string>> = { ...TEXT_KEYS, Backspace: '⌫', Delete: '⌦', Enter: '↩' };

/**
 * What a person reads: `Ctrl+Shift+S` on Windows and Linux, `⇧⌘S` on macOS (its symbols in its
 * order: ⌥ ⇧ ⌘, then the key).
 */
export function chordText(chord: Chord, mac: boolean): string {
  const c = parseChord(chord);
  if (mac) {
    const key = MAC_TEXT_KEYS[c.key as NamedKey] ?? c.key;
    return `${c.alt ? '⌥' : ''}${c.shift ? '⇧' : ''}${c.mod ? '⌘' : ''}${key}`;
  }
  const key = TEXT_KEYS[c.key as NamedKey] ?? c.key;
  return [c.mod ? 'Ctrl' : null, c.alt ? 'Alt' : null, c.shift ? 'Shift' : null, key]
    .filter((p) => p !== null)
    .join('+');
}

/** The `aria-keyshortcuts` value: `Control+Alt+B` (`Meta+Alt+B` on macOS), `Escape`, `ArrowRight`. */
export function ariaKeys(chord: Chord, mac: boolean): string {
  const c = parseChord(chord);
  return [c.mod ? (mac ? 'Meta' : 'Control') : null, c.alt ? 'Alt' : null, c.shift ? 'Shift' : null, c.key]
    .filter((p) => p !== null)
    .join('+');
}

/** The parts of a keydown event a chord is matched against (a DOM KeyboardEvent has them all). */
export interface KeyEventLike {
  readonly key: string;
  /** The physical key (`KeyS`, `Digit1`): used when `key` is no plain letter or digit. */
  readonly code?: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  /** An input method is composing text: its keys are never shortcuts. */
  readonly isComposing?: boolean;
}

const PLAIN = /^[A-Za-z0-9]$/;

/**
 * Whether the event is the chord's key. Letters and digits follow the layout (`event.key`, so
 * Ctrl+Z is where the layout puts Z); only when the layout gives no plain letter or digit —
 * Shift+1 gives `!`, ⌥ on macOS gives `∫`, a Cyrillic layout gives `я` — does the physical key
 * (`event.code`) decide.
 */
function sameKey(want: string, event: KeyEventLike): boolean {
  if (/^[A-Z]$/.test(want)) {
    if (PLAIN.test(event.key)) return event.key.toUpperCase() === want;
    return event.code === `Key${want}`;
  }
  if (/^[0-9]$/.test(want)) {
    if (PLAIN.test(event.key)) return event.key === want;
    return event.code === `Digit${want}`;
  }
  if (want === 'Space') return event.key === ' ';
  return event.key === want;
}

/**
 * Whether a keydown is this chord: the same key with exactly its modifiers (`Mod+S` is not
 * `Mod+Shift+S`; on macOS Ctrl+S is not `Mod+S`, elsewhere Meta+S is not either).
 */
export function matchesChord(chord: Chord, event: KeyEventLike, mac: boolean): boolean {
  if (event.isComposing === true) return false;
  const c = parseChord(chord);
  if (event.ctrlKey !== (c.mod && !mac) || event.metaKey !== (c.mod && mac)) return false;
  if (event.altKey !== c.alt || event.shiftKey !== c.shift) return false;
  return sameKey(c.key, event);
}
