import { ariaKeys, chordText } from '../../../shared/actions/chord';
import { actionById, shownChord, type ActionId } from '../../../shared/actions/registry';
import { getBridge } from '../bridge';

/** What decides how a shortcut is shown: Apple's modifier symbols, and whether a browser tab hides the key. */
export interface KeyHost {
  readonly mac: boolean;
  readonly desktop: boolean;
}

/** Cmd is the modifier on Apple platforms, Ctrl elsewhere. */
export const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** This page's host. */
export function currentHost(): KeyHost {
  return { mac: isMac(), desktop: getBridge().platform === 'desktop' };
}

/**
 * An action's shortcut as the palette, tooltips and key caps show it here (`Ctrl+Shift+S`,
 * `⇧⌘S`); undefined when it has none, or none that reaches this page (Ctrl+N in a browser tab).
 */
export function shortcutLabel(id: ActionId, host: KeyHost = currentHost()): string | undefined {
  const chord = shownChord(id, host.mac);
  if (chord === undefined || (actionById(id).shortcut?.desktopOnly === true && !host.desktop)) return undefined;
  return chordText(chord, host.mac);
}

/** The `aria-keyshortcuts` value of an action's shown chord (`Control+B`, `Meta+B`), if it has one. */
export function ariaShortcut(id: ActionId, mac: boolean = isMac()): string | undefined {
  const chord = shownChord(id, mac);
  return chord === undefined ? undefined : ariaKeys(chord, mac);
}
