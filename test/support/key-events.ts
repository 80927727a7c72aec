import { parseChord, type KeyEventLike } from '../../shared/actions/chord';

/** A keydown as a browser reports the chord on a US layout (`mac`: Mod is Meta). */
export function eventFor(chord: string, mac: boolean): KeyEventLike {
  const c = parseChord(chord);
  const shifted: Record<string, string> = { '1': '!', '2': '@', '3': '#', '4': '$', '5': '%' };
  let key: string;
  let code: string | undefined;
  if (/^[A-Z]$/.test(c.key)) {
    key = c.shift ? c.key : c.key.toLowerCase();
    code = `Key${c.key}`;
  } else if (/^[0-9]$/.test(c.key)) {
    key = c.shift ? (shifted[c.key] ?? c.key) : c.key;
    code = `Digit${c.key}`;
  } else {
    key = c.key === 'Space' ? ' ' : c.key;
    code = c.key;
  }
  return { key, code, ctrlKey: c.mod && !mac, metaKey: c.mod && mac, altKey: c.alt, shiftKey: c.shift };
}
